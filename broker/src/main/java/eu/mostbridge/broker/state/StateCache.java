package eu.mostbridge.broker.state;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.infinispan.commons.api.BasicCache;

/**
 * One of the broker's caches (embedded, or on a server over Hot Rod) as the stores need it: string
 * keys (hashes of secrets, random ids), string values ({@link StateCodec}), a lifespan on every
 * entry, and the two atomic steps one-time use rests on ({@link #take} and {@link #putIfAbsent}).
 * Every cache failure becomes a {@link StateUnavailableException}.
 */
public final class StateCache {
  private final Caches which;
  private final BasicCache<String, String> cache;

  StateCache(Caches which, BasicCache<String, String> cache) {
    this.which = which;
    this.cache = cache;
  }

  public void put(String key, String value, Duration lifetime) {
    try {
      cache.put(key, value, lifespan(lifetime), TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      throw new StateUnavailableException(which.cacheName(), e);
    }
  }

  public Optional<String> get(String key) {
    try {
      return Optional.ofNullable(cache.get(key));
    } catch (RuntimeException e) {
      throw new StateUnavailableException(which.cacheName(), e);
    }
  }

  /**
   * Removes and returns the entry in one step on its primary owner: of two concurrent takes, on any
   * replicas, exactly one gets the value.
   */
  public Optional<String> take(String key) {
    try {
      return Optional.ofNullable(cache.remove(key));
    } catch (RuntimeException e) {
      throw new StateUnavailableException(which.cacheName(), e);
    }
  }

  /** Stores the entry unless one exists; true when this call stored it. */
  public boolean putIfAbsent(String key, String value, Duration lifetime) {
    try {
      return cache.putIfAbsent(key, value, lifespan(lifetime), TimeUnit.MILLISECONDS) == null;
    } catch (RuntimeException e) {
      throw new StateUnavailableException(which.cacheName(), e);
    }
  }

  private static long lifespan(Duration lifetime) {
    return Math.max(1, lifetime.toMillis());
  }
}
