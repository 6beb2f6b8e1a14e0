package eu.mostbridge.broker.state;

import eu.mostbridge.broker.config.BrokerConfig;
import eu.mostbridge.broker.config.BrokerConfig.State;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import org.infinispan.manager.EmbeddedCacheManager;

/**
 * Makes the caches {@code most.state.mode} asks for, at start-up: a replica that cannot reach its
 * state (no cluster to join, no server) fails its start instead of taking traffic it cannot serve.
 */
@ApplicationScoped
public class StateCachesProducer {
  @Produces
  @Startup
  @ApplicationScoped
  StateCaches stateCaches(BrokerConfig config) {
    return open(config.state());
  }

  /** The caches of {@code state}, every setting checked before anything joins a cluster. */
  static StateCaches open(State state) {
    if (state.mode() == State.Mode.REMOTE) {
      return RemoteStateCaches.connect(state.remote());
    }
    if (state.maxLoginsInFlight() < 1) {
      throw new IllegalStateException("most.state.max-logins-in-flight must be at least 1");
    }
    EmbeddedCacheManager manager = EmbeddedInfinispan.start(state);
    try {
      return new EmbeddedStateCaches(manager, state.maxLoginsInFlight());
    } catch (RuntimeException e) {
      // No bean, so no disposer: leave the cluster here rather than as a crash at exit.
      manager.stop();
      throw e;
    }
  }

  void close(@Disposes StateCaches caches) {
    caches.close();
  }
}
