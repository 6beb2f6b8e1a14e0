package eu.mostbridge.replay;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link ReplayCache} for one process: tests, tools, and a single-node demo. Entries are purged
 * once they expire; when {@code capacity} live entries are held, new identifiers are refused (fail
 * closed) instead of evicting entries that still guard against replay.
 */
public final class InMemoryReplayCache implements ReplayCache {
  private final Map<String, Instant> entries = new ConcurrentHashMap<>();
  private final Clock clock;
  private final int capacity;

  public InMemoryReplayCache(Clock clock, int capacity) {
    this.clock = clock;
    this.capacity = capacity;
  }

  public InMemoryReplayCache() {
    this(Clock.systemUTC(), 100_000);
  }

  @Override
  public Use record(String scope, String id, Instant keepUntil) {
    Instant now = clock.instant();
    if (entries.size() >= capacity) {
      entries.values().removeIf(expiry -> !expiry.isAfter(now));
      if (entries.size() >= capacity) {
        return Use.UNRECORDABLE;
      }
    }
    String key = scope + '\u0000' + id;
    boolean[] first = {false};
    entries.compute(
        key,
        (k, existing) -> {
          if (existing == null || !existing.isAfter(now)) {
            first[0] = true;
            return keepUntil;
          }
          return existing;
        });
    return first[0] ? Use.FIRST : Use.REPEATED;
  }

  /** Live entries, for tests and metrics. */
  public int size() {
    return entries.size();
  }
}
