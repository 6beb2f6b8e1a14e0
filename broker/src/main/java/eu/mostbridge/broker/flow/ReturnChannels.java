package eu.mostbridge.broker.flow;

import eu.mostbridge.identity.CommonIdentity;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hands the end of a login to the {@link ChannelEnd} of the front that began it. Every kind of
 * {@link ReturnChannel} must have exactly one end, or Most does not start.
 */
@ApplicationScoped
public class ReturnChannels {
  private final Map<Class<? extends ReturnChannel>, ChannelEnd> ends;

  public ReturnChannels(@Any Instance<ChannelEnd> ends) {
    this.ends = byChannel(ends.stream().toList());
  }

  /** Each end by the channel it answers through; a channel without exactly one end is refused. */
  static Map<Class<? extends ReturnChannel>, ChannelEnd> byChannel(List<ChannelEnd> ends) {
    Map<Class<? extends ReturnChannel>, ChannelEnd> by = new HashMap<>();
    for (ChannelEnd end : ends) {
      if (by.put(end.channel(), end) != null) {
        throw new IllegalStateException("Two ends for " + end.channel().getSimpleName());
      }
    }
    List<String> missing =
        Arrays.stream(ReturnChannel.class.getPermittedSubclasses())
            .filter(channel -> !by.containsKey(channel))
            .map(Class::getSimpleName)
            .toList();
    if (!missing.isEmpty()) {
      throw new IllegalStateException("No front ends logins of " + missing);
    }
    return Map.copyOf(by);
  }

  void checkAtStartup(@Observes StartupEvent event) {
    var unused = ends.size(); // builds the bean, so a missing end stops start-up
  }

  /** See {@link ChannelEnd#refusalOf}. */
  public java.util.Optional<LoginRefusal> refusalOf(LoginFlow flow, CommonIdentity identity) {
    return ends.get(flow.channel().getClass()).refusalOf(flow, identity);
  }

  /** See {@link ChannelEnd#prepare}. */
  public Response prepare(LoginFlow flow, CommonIdentity identity, String method) {
    return ends.get(flow.channel().getClass()).prepare(flow, identity, method);
  }

  /** See {@link ChannelEnd#delivered}. */
  public void delivered(LoginFlow flow, CommonIdentity identity) {
    ends.get(flow.channel().getClass()).delivered(flow, identity);
  }

  /** See {@link ChannelEnd#refuse}. */
  public Response refuse(LoginFlow flow, LoginRefusal refusal) {
    return ends.get(flow.channel().getClass()).refuse(flow, refusal);
  }
}
