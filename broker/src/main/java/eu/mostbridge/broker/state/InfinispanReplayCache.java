package eu.mostbridge.broker.state;

import eu.mostbridge.broker.flow.StateUnavailableException;
import eu.mostbridge.replay.ReplayCache;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * One-time use in Infinispan: {@code putIfAbsent} with the entry's own lifespan runs on the key's
 * primary owner, so of two concurrent uses, on any replicas, exactly one is first. A failure to
 * record (a cache error, a timeout, a minority partition) is {@link ReplayCache.Use#UNRECORDABLE}:
 * the answer is refused, fail-closed.
 */
@ApplicationScoped
public class InfinispanReplayCache implements ReplayCache {
  private static final Logger LOG = Logger.getLogger(InfinispanReplayCache.class);

  private final StateCache cache;
  private final Clock clock;

  public InfinispanReplayCache(StateCaches caches, Clock clock) {
    this.clock = clock;
    this.cache = caches.cache(Caches.REPLAY);
  }

  /**
   * Records the first use of a one-time item Most issued itself (a code, a pushed request, a login
   * ended with consent), whose entry a stale copy could bring back after a split heals.
   *
   * @return false when it was used before
   * @throws StateUnavailableException when the use cannot be recorded: fail closed
   */
  public boolean firstUse(String scope, String id, Instant keepUntil) {
    return firstUse(scope, id, USED, keepUntil);
  }

  /**
   * As {@link #firstUse(String, String, Instant)}, keeping {@code what} (what the use issued) with
   * the record for {@link #recorded}.
   */
  public boolean firstUse(String scope, String id, String what, Instant keepUntil) {
    Duration lifespan = Duration.between(clock.instant(), keepUntil);
    return cache.putIfAbsent(key(scope, id), what, lifespan);
  }

  /** What the first use of {@code id} recorded; empty when it was not used (or is forgotten). */
  public Optional<String> recorded(String scope, String id) {
    return cache.get(key(scope, id));
  }

  private static String key(String scope, String id) {
    return scope + '\u0000' + id;
  }

  private static final String USED = "used";

  @Override
  public Use record(String scope, String id, Instant keepUntil) {
    Duration lifespan = Duration.between(clock.instant(), keepUntil);
    try {
      return cache.putIfAbsent(key(scope, id), USED, lifespan) ? Use.FIRST : Use.REPEATED;
    } catch (StateUnavailableException e) {
      LOG.errorf("One-time use of a %s cannot be recorded: %s", scope, e.getMessage());
      return Use.UNRECORDABLE;
    }
  }
}
