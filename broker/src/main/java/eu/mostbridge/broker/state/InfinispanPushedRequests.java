package eu.mostbridge.broker.state;

import eu.mostbridge.broker.authorize.PushedRequests;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;

/**
 * Pushed authorization requests in the {@code pushed-requests} cache. A pushed request becomes a
 * login when the browser brings it: it counts toward the bound of logins in flight.
 */
@ApplicationScoped
public class InfinispanPushedRequests implements PushedRequests {
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
  public Optional<Pushed> take(String requestUri) {
    String key = SecretKeys.of(requestUri);
    return requests
        .take(key)
        .flatMap(text -> codec.read(text, Pushed.class))
        .filter(
            pushed ->
                pushed.expiresAt() == null
                    || uses.firstUse("pushed-request-used", key, pushed.expiresAt()));
  }
}
