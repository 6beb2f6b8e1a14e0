package eu.mostbridge.broker.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.runtime.StartupEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The state opened beside the rest of the start-up: its failure and its close still count. */
class StateStartTest {
  @Test
  void aStateThatCannotOpenFailsTheStartWithItsOwnError() {
    StateStart start =
        new StateStart(
            StateConfigurationTest.config(Map.of("most.state.max-logins-in-flight", "0")));
    start.begin(new StartupEvent());
    assertThatThrownBy(start::caches)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("most.state.max-logins-in-flight");
    start.close(); // nothing opened, nothing to close: returns at once
  }

  @Test
  void theOpenedCachesAreHandedOverOnceAndStayTheSame() {
    StateStart start = localStart();
    start.begin(new StartupEvent());
    try {
      StateCaches caches = start.caches();
      assertThat(caches.status()).hasSize(Caches.ALL.size());
      assertThat(caches.status().values()).containsOnly("available");
      assertThat(start.caches()).isSameAs(caches);
    } finally {
      start.close();
    }
  }

  /** Asked for before any start-up event (a bean that needs them early): opened, not a hang. */
  @Test
  void cachesAskedForBeforeTheStartupEventAreOpenedThen() {
    StateStart start = localStart();
    try {
      StateCaches caches = start.caches();
      assertThat(caches.status().values()).containsOnly("available");
      start.begin(new StartupEvent()); // the event that comes later opens nothing twice
      assertThat(start.caches()).isSameAs(caches);
    } finally {
      start.close();
    }
  }

  /**
   * A start that fails elsewhere (ProductionReadiness) after the caches opened never asks for them;
   * the container's stop must still close them, or a clustered replica would leave its cluster as a
   * crashed one.
   */
  @Test
  void cachesNeverAskedForAreClosedWhenTheApplicationStops() {
    StateStart start = localStart();
    start.begin(new StartupEvent());
    start.close();
    assertThat(start.caches().status()).hasSize(Caches.ALL.size());
    assertThat(start.caches().status().values()).containsOnly("stopped");
  }

  /** A start of local caches (the default settings). */
  private static StateStart localStart() {
    return new StateStart(StateConfigurationTest.config(Map.of()));
  }
}
