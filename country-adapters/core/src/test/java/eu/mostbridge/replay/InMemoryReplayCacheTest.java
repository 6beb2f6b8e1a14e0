package eu.mostbridge.replay;

import static org.assertj.core.api.Assertions.assertThat;

import eu.mostbridge.replay.ReplayCache.Use;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InMemoryReplayCacheTest {
  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

  @Test
  void aSecondUseIsRefusedUntilTheEntryExpires() {
    MutableClock clock = new MutableClock(NOW);
    InMemoryReplayCache cache = new InMemoryReplayCache(clock, 10);

    assertThat(cache.record("saml-assertion", "_a", NOW.plusSeconds(60))).isEqualTo(Use.FIRST);
    assertThat(cache.record("saml-assertion", "_a", NOW.plusSeconds(60))).isEqualTo(Use.REPEATED);
    assertThat(cache.record("saml-response", "_a", NOW.plusSeconds(60)))
        .as("other scope")
        .isEqualTo(Use.FIRST);
    clock.now = NOW.plusSeconds(60);
    assertThat(cache.record("saml-assertion", "_a", NOW.plusSeconds(120))).isEqualTo(Use.FIRST);
  }

  @Test
  void failsClosedWhenFullOfLiveEntriesButReclaimsExpiredOnes() {
    MutableClock clock = new MutableClock(NOW);
    InMemoryReplayCache cache = new InMemoryReplayCache(clock, 2);
    cache.record("s", "1", NOW.plusSeconds(10));
    cache.record("s", "2", NOW.plusSeconds(100));

    assertThat(cache.record("s", "3", NOW.plusSeconds(10))).isEqualTo(Use.UNRECORDABLE);
    clock.now = NOW.plusSeconds(11);
    assertThat(cache.record("s", "3", NOW.plusSeconds(50))).isEqualTo(Use.FIRST);
    assertThat(cache.size()).isEqualTo(2);
  }

  @Test
  void exactlyOneOfManyConcurrentUsesWins() throws Exception {
    InMemoryReplayCache cache = new InMemoryReplayCache(Clock.fixed(NOW, ZoneOffset.UTC), 100);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      AtomicInteger winners = new AtomicInteger();
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        futures.add(
            pool.submit(
                () -> {
                  if (cache.record("code", "abc", NOW.plusSeconds(60)) == Use.FIRST) {
                    winners.incrementAndGet();
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get(10, TimeUnit.SECONDS);
      }
      assertThat(winners.get()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  private static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
