package eu.mostbridge.broker.state;

import static org.assertj.core.api.Assertions.assertThat;

import eu.mostbridge.replay.ReplayCache;
import eu.mostbridge.replay.ReplayCache.Use;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The replay cache on the real embedded Infinispan, through CDI as the broker uses it. */
@QuarkusTest
class InfinispanReplayCacheTest {
  @Inject ReplayCache replay;

  @Test
  void aSecondUseIsARepeatAndAnotherScopeIsNot() {
    String id = UUID.randomUUID().toString();
    Instant until = Instant.now().plusSeconds(60);

    assertThat(replay.record("saml-assertion", id, until)).isEqualTo(Use.FIRST);
    assertThat(replay.record("saml-assertion", id, until)).isEqualTo(Use.REPEATED);
    assertThat(replay.record("saml-response", id, until)).isEqualTo(Use.FIRST);
  }

  @Test
  void exactlyOneOfManyConcurrentUsesIsFirst() throws Exception {
    String id = UUID.randomUUID().toString();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Use>> uses = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        uses.add(pool.submit(() -> replay.record("code", id, Instant.now().plusSeconds(60))));
      }
      int first = 0;
      for (Future<Use> use : uses) {
        if (use.get(10, TimeUnit.SECONDS) == Use.FIRST) {
          first++;
        }
      }
      assertThat(first).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anEntryIsForgottenAfterItsOwnLifespan() throws InterruptedException {
    String id = UUID.randomUUID().toString();
    assertThat(replay.record("state", id, Instant.now().plus(Duration.ofMillis(200))))
        .isEqualTo(Use.FIRST);

    Thread.sleep(500);

    assertThat(replay.record("state", id, Instant.now().plusSeconds(60))).isEqualTo(Use.FIRST);
  }
}
