package eu.mostbridge.broker.state;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.infinispan.commons.api.BasicCache;
import org.jboss.logging.Logger;

/**
 * One of the broker's caches (embedded, or on a server over Hot Rod) as the stores need it: string
 * keys (hashes of secrets, random ids), string values ({@link StateCodec}), a lifespan on every
 * entry, and the two atomic steps one-time use rests on ({@link #take} and {@link #putIfAbsent}).
 * Every cache failure becomes a {@link StateUnavailableException}.
 */
public final class StateCache {
  private static final Logger LOG = Logger.getLogger(StateCache.class);

  /** One warning a minute is enough for the operator; each refusal has its audit event. */
  private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

  private static final AtomicLong lastWarning =
      new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

  private final Caches which;
  private final BasicCache<String, String> cache;
  private final LongSupplier heldHere;
  private final long bound;

  /** A cache without a bound on this replica (or whose entries are held elsewhere). */
  StateCache(Caches which, BasicCache<String, String> cache) {
    this(which, cache, () -> 0, Long.MAX_VALUE);
  }

  /** A cache of which this replica holds at most {@code bound} entries, counted by heldHere. */
  StateCache(Caches which, BasicCache<String, String> cache, LongSupplier heldHere, long bound) {
    this.which = which;
    this.cache = cache;
    this.heldHere = heldHere;
    this.bound = bound;
  }

  /**
   * Refuses to begin something new (a login) when this replica already holds its bound of entries:
   * steps of what is under way go on, since they replace their entry.
   */
  public void refuseWhenFull() {
    long held = heldHere.getAsLong();
    if (held < bound) {
      return;
    }
    long now = System.nanoTime();
    long last = lastWarning.get();
    if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
      LOG.warnf(
          "The %s cache holds %d entries on this replica, its bound"
              + " (most.state.max-logins-in-flight = %d): new logins are refused with 503 until"
              + " older ones end or expire",
          which.cacheName(), held, bound);
    }
    throw StateUnavailableException.full(which.cacheName(), bound);
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
