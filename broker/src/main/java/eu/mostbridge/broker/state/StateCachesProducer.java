package eu.mostbridge.broker.state;

import eu.mostbridge.broker.config.BrokerConfig.State;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.ObserverMethod;
import org.infinispan.manager.EmbeddedCacheManager;

/**
 * Makes the caches {@code most.state.mode} asks for, at start-up: a replica that cannot reach its
 * state (no cluster to join, no server) fails its start instead of taking traffic it cannot serve.
 */
@ApplicationScoped
public class StateCachesProducer {
  /**
   * After the other start-up beans: {@link StateStart} opens the caches beside them, and this waits
   * for it.
   */
  @Produces
  @Startup(ObserverMethod.DEFAULT_PRIORITY + 100)
  @ApplicationScoped
  StateCaches stateCaches(StateStart start) {
    return start.caches();
  }

  /**
   * The heap the largest login an anonymous client can make holds (every value it sends at its
   * length limit, in non-Latin characters, each Java stores in two bytes), rounded up from the
   * measurement in StateCodecTest (docs/BENCHMARKS.md); a login's copy on a second owner counts as
   * another entry.
   */
  static final long LARGEST_ANONYMOUS_LOGIN_BYTES = 12 * 1024;

  /** How many of the largest anonymous logins fit in 40 % of {@code maxHeap}, at least 1,000. */
  static long defaultBound(long maxHeap) {
    return Math.max(1_000, maxHeap * 2 / 5 / LARGEST_ANONYMOUS_LOGIN_BYTES);
  }

  /** The caches of {@code state}, every setting checked before anything joins a cluster. */
  static StateCaches open(State state) {
    if (state.mode() == State.Mode.REMOTE) {
      return RemoteStateCaches.connect(state.remote());
    }
    long bound = state.maxLoginsInFlight().orElse(defaultBound(Runtime.getRuntime().maxMemory()));
    if (bound < 1) {
      throw new IllegalStateException("most.state.max-logins-in-flight must be at least 1");
    }
    EmbeddedCacheManager manager = EmbeddedInfinispan.start(state);
    try {
      return new EmbeddedStateCaches(manager, bound);
    } catch (RuntimeException e) {
      // No bean, so no disposer: leave the cluster here rather than as a crash at exit.
      manager.stop();
      throw e;
    }
  }
}
