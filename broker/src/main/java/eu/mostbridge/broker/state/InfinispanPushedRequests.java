package eu.mostbridge.broker.state;

import eu.mostbridge.broker.flow.PushedRequests;
import eu.mostbridge.broker.flow.StateUnavailableException;
import eu.mostbridge.broker.web.SecretKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Pushed authorization requests in the {@code pushed-requests} cache. A pushed request becomes a
 * login when the browser brings it: it counts toward the bound of logins in flight.
 */
@ApplicationScoped
public class InfinispanPushedRequests implements PushedRequests {
  private static final Logger LOG = Logger.getLogger(InfinispanPushedRequests.class);

  private final StateCache requests;
  private final StateCache flows;
  private final StateCodec codec;
  private final InfinispanReplayCache uses;

  public InfinispanPushedRequests(
      StateCaches caches, StateCodec codec, InfinispanReplayCache uses) {
    this.uses = uses;
    this.requests = caches.cache(Caches.PUSHED_REQUESTS);
    this.flows = caches.cache(Caches.LOGIN_FLOWS);
    this.codec = codec;
  }

  @Override
  public void push(String requestUri, Pushed pushed, Duration lifetime) {
    requests.refuseWhenFull(flows);
    requests.create(SecretKeys.of(requestUri), codec.write(pushed), lifetime);
  }

  @Override
  public Optional<Pushed> find(String requestUri) {
    return requests.get(SecretKeys.of(requestUri)).flatMap(text -> codec.read(text, Pushed.class));
  }

  @Override
  public boolean use(String requestUri, Pushed pushed) {
    String key = SecretKeys.of(requestUri);
    if (pushed.expiresAt() == null) {
      return requests.take(key).isPresent();
    }
    // The record decides, and the entry is removed after it: a failure to remove (a replica dying)
    // leaves an entry the record refuses.
    if (!uses.firstUse("pushed-request-used", key, pushed.expiresAt())) {
      return false;
    }
    try {
      var unused = requests.take(key);
    } catch (StateUnavailableException e) {
      LOG.debugf("A used pushed request stays in its cache until it expires: %s", e.getMessage());
    }
    return true;
  }
}
