package eu.mostbridge.broker.state;

import eu.mostbridge.broker.authorize.PushedRequests;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.infinispan.Cache;
import org.infinispan.manager.EmbeddedCacheManager;

/** Pushed authorization requests in the {@code pushed-requests} cache. */
@ApplicationScoped
public class InfinispanPushedRequests implements PushedRequests {
  private final Cache<String, Pushed> requests;

  public InfinispanPushedRequests(EmbeddedCacheManager manager) {
    this.requests = manager.getCache(Caches.PUSHED_REQUESTS);
  }

  @Override
  public void push(String requestUri, Pushed pushed, Duration lifetime) {
    requests.put(SecretKeys.of(requestUri), pushed, lifetime.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public Optional<Pushed> take(String requestUri) {
    return Optional.ofNullable(requests.remove(SecretKeys.of(requestUri)));
  }
}
