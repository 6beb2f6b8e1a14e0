package eu.mostbridge.broker.state;

import io.quarkus.arc.ClientProxy;
import org.infinispan.Cache;

/**
 * One of the broker's caches stopped, as when its owners die: every read and write of it fails
 * (Infinispan's own {@code IllegalLifecycleStateException}), the other caches work on. Closing it
 * starts the cache again, empty.
 */
public final class CacheOutage implements AutoCloseable {
  private final Cache<String, String> cache;

  private CacheOutage(Cache<String, String> cache) {
    this.cache = cache;
    cache.stop();
  }

  /** Stops {@code which} in the embedded caches of a running broker. */
  public static CacheOutage of(StateCaches caches, Caches which) {
    Object embedded = ClientProxy.unwrap(caches);
    if (!(embedded instanceof EmbeddedStateCaches own)) {
      throw new IllegalStateException("Not embedded caches: " + embedded.getClass());
    }
    return new CacheOutage(own.infinispan(which));
  }

  @Override
  public void close() {
    cache.start();
  }
}
