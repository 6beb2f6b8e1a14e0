package eu.mostbridge.broker.state;

import eu.mostbridge.broker.authorize.PushedRequests;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;

/** Pushed authorization requests in the {@code pushed-requests} cache. */
@ApplicationScoped
public class InfinispanPushedRequests implements PushedRequests {
  private final StateCache requests;
  private final StateCodec codec;

  public InfinispanPushedRequests(StateCaches caches, StateCodec codec) {
    this.requests = caches.cache(Caches.PUSHED_REQUESTS);
    this.codec = codec;
  }

  @Override
  public void push(String requestUri, Pushed pushed, Duration lifetime) {
    requests.put(SecretKeys.of(requestUri), codec.write(pushed), lifetime);
  }

  @Override
  public Optional<Pushed> take(String requestUri) {
    return requests.take(SecretKeys.of(requestUri)).flatMap(text -> codec.read(text, Pushed.class));
  }
}
