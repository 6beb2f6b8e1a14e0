package eu.mostbridge.broker.state;

import eu.mostbridge.replay.ReplayCache;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.infinispan.Cache;
import org.infinispan.manager.EmbeddedCacheManager;
import org.jboss.logging.Logger;

/**
 * One-time use in Infinispan: {@code putIfAbsent} with the entry's own lifespan is atomic, so of
 * two concurrent uses exactly one is first. A failure to record (a cache error, a timeout) is
 * {@link ReplayCache.Use#UNRECORDABLE}: the answer is refused, fail-closed.
 */
@ApplicationScoped
public class InfinispanReplayCache implements ReplayCache {
  private static final Logger LOG = Logger.getLogger(InfinispanReplayCache.class);

  private final Cache<String, Boolean> cache;
  private final Clock clock = Clock.systemUTC();

  public InfinispanReplayCache(EmbeddedCacheManager manager) {
    this.cache = manager.getCache(Caches.REPLAY);
  }

  @Override
  public Use record(String scope, String id, Instant keepUntil) {
    long lifespan = Math.max(1, Duration.between(clock.instant(), keepUntil).toMillis());
    try {
      Boolean previous =
          cache.putIfAbsent(scope + '\u0000' + id, Boolean.TRUE, lifespan, TimeUnit.MILLISECONDS);
      return previous == null ? Use.FIRST : Use.REPEATED;
    } catch (RuntimeException e) {
      LOG.errorf(
          "One-time use of a %s cannot be recorded: %s", scope, e.getClass().getSimpleName());
      return Use.UNRECORDABLE;
    }
  }
}
