package eu.mostbridge.broker.state;

import eu.mostbridge.broker.flow.LoginFlow;
import eu.mostbridge.broker.flow.LoginFlowStore;
import eu.mostbridge.broker.flow.StateUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Logins in progress in the {@code login-flows} and {@code national-requests} caches. A new login
 * is admitted only while this replica holds fewer than its bound of logins (pushed requests
 * included), national requests and browser bindings: each of them anyone can make.
 */
@ApplicationScoped
public class InfinispanLoginFlowStore implements LoginFlowStore {
  private static final Logger LOG = Logger.getLogger(InfinispanLoginFlowStore.class);

  private final StateCache flows;
  private final StateCache national;
  private final StateCache pushed;
  private final StateCodec codec;
  private final InfinispanReplayCache uses;

  public InfinispanLoginFlowStore(
      StateCaches caches, StateCodec codec, InfinispanReplayCache uses) {
    this.uses = uses;
    this.flows = caches.cache(Caches.LOGIN_FLOWS);
    this.national = caches.cache(Caches.NATIONAL_REQUESTS);
    this.pushed = caches.cache(Caches.PUSHED_REQUESTS);
    this.codec = codec;
  }

  @Override
  public void admitNewLogin() {
    flows.refuseWhenFull(pushed);
    national.refuseWhenFull();
  }

  @Override
  public void create(LoginFlow flow, Duration lifetime) {
    if (!flows.putIfAbsent(flow.id(), codec.write(flow), lifetime)) {
      throw new IllegalStateException("A login id was made twice");
    }
  }

  @Override
  public Optional<Stored> find(String id) {
    return flows
        .read(id)
        .flatMap(
            read -> codec.read(read.value(), LoginFlow.class).map(flow -> new Stored(flow, read)));
  }

  @Override
  public boolean replace(Stored stored, LoginFlow next, Duration lifetime) {
    if (!stored.flow().id().equals(next.id())) {
      throw new IllegalArgumentException("A login is replaced by a step of itself only");
    }
    return flows.replace(next.id(), revision(stored), codec.write(next), lifetime);
  }

  @Override
  public boolean end(Stored stored, Instant keepUntil) {
    String id = stored.flow().id();
    if (!uses.firstUse("login-ended", id, keepUntil)) {
      return false;
    }
    try {
      var unused = flows.take(id);
    } catch (StateUnavailableException e) {
      // The record refuses to end it again; the entry expires with the login.
      LOG.debugf("An ended login stays in its cache until it expires: %s", e.getMessage());
    }
    return true;
  }

  @Override
  public void awaitNationalAnswer(
      String adapterId, String correlationId, String flowId, Duration lifetime) {
    national.create(key(adapterId, correlationId), flowId, lifetime);
  }

  @Override
  public Optional<String> awaitingNationalAnswer(String adapterId, String correlationId) {
    return national.get(key(adapterId, correlationId));
  }

  @Override
  public boolean takeNationalAnswer(String adapterId, String correlationId, String flowId) {
    String key = key(adapterId, correlationId);
    return national
        .read(key)
        .filter(read -> read.value().equals(flowId))
        .map(read -> national.remove(key, read))
        .orElse(false);
  }

  private static StateCache.Read revision(Stored stored) {
    return (StateCache.Read) stored.revision();
  }

  /** The correlation value is the national request's public id, not a secret: kept as it is. */
  private static String key(String adapterId, String correlationId) {
    return adapterId + '\u0000' + correlationId;
  }
}
