package eu.mostbridge.broker.state;

import eu.mostbridge.broker.flow.StateUnavailableException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.infinispan.client.hotrod.MetadataValue;
import org.infinispan.client.hotrod.RemoteCache;
import org.infinispan.commons.api.BasicCache;
import org.jboss.logging.Logger;

/**
 * One of the broker's caches (embedded, or on a server over Hot Rod) as the stores need it: string
 * keys (hashes of secrets, random ids), string values ({@link StateCodec}), a lifespan on every
 * entry, and the atomic steps one-time use and optimistic updates rest on ({@link #take}, {@link
 * #putIfAbsent}, {@link #replace} and {@link #remove} of an entry as it was read). Every cache
 * failure becomes a {@link StateUnavailableException}.
 *
 * <p>An entry that changes step by step (a login) is read as a {@link Read} and written back only
 * if it is still that version: a write that raced with the step that ended the entry must not bring
 * it back. Embedded caches compare the value itself; Hot Rod compares the server's entry version
 * (its {@code replace(key, old, new)} is not supported).
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
   * Refuses to begin something new (a login) when this replica already holds its bound of entries,
   * counting {@code alongside} too (a pushed request becomes a login): steps of what is under way
   * go on, since they replace their entry.
   */
  public void refuseWhenFull(StateCache... alongside) {
    long held = heldHere.getAsLong();
    for (StateCache other : alongside) {
      held += other.heldHere.getAsLong();
    }
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

  /**
   * An entry as read: its value and what a conditional write compares with (the value itself in an
   * embedded cache, the server's version over Hot Rod).
   */
  public record Read(String value, long version) {}

  /**
   * Stores a new entry under a key made at random (a code, a token, a request id): never over an
   * existing entry, so no write brings back something another step took.
   *
   * @throws IllegalStateException if the key exists (a random key made twice)
   */
  public void create(String key, String value, Duration lifetime) {
    if (!putIfAbsent(key, value, lifetime)) {
      throw new IllegalStateException("A random key of the " + which.cacheName() + " cache exists");
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

  /** The entry with what {@link #replace} and {@link #remove} need to act only on this version. */
  public Optional<Read> read(String key) {
    try {
      if (cache instanceof RemoteCache<String, String> remote) {
        MetadataValue<String> entry = remote.getWithMetadata(key);
        return entry == null
            ? Optional.empty()
            : Optional.of(new Read(entry.getValue(), entry.getVersion()));
      }
      return Optional.ofNullable(cache.get(key)).map(value -> new Read(value, 0));
    } catch (RuntimeException e) {
      throw new StateUnavailableException(which.cacheName(), e);
    }
  }

  /**
   * Replaces the entry with {@code value} only if it is still {@code expected}: false when it was
   * changed or removed since it was read (and then nothing is written).
   */
  public boolean replace(String key, Read expected, String value, Duration lifetime) {
    try {
      if (cache instanceof RemoteCache<String, String> remote) {
        return remote.replaceWithVersion(
            key,
            value,
            expected.version(),
            lifespan(lifetime),
            TimeUnit.MILLISECONDS,
            0,
            TimeUnit.MILLISECONDS);
      }
      return cache.replace(key, expected.value(), value, lifespan(lifetime), TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      throw new StateUnavailableException(which.cacheName(), e);
    }
  }

  /**
   * Removes the entry only if it is still {@code expected}: of two concurrent removes of one
   * version, on any replicas, one succeeds; false when it was changed or removed since it was read.
   */
  public boolean remove(String key, Read expected) {
    try {
      if (cache instanceof RemoteCache<String, String> remote) {
        return remote.removeWithVersion(key, expected.version());
      }
      return cache.remove(key, expected.value());
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
