package eu.mostbridge.broker.state;

import eu.mostbridge.broker.config.BrokerConfig;
import eu.mostbridge.broker.config.BrokerConfig.State;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

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
    State state = config.state();
    return state.mode() == State.Mode.REMOTE
        ? RemoteStateCaches.connect(state.remote())
        : new EmbeddedStateCaches(EmbeddedInfinispan.start(state), state.maxLoginsInFlight());
  }

  void close(@Disposes StateCaches caches) {
    caches.close();
  }
}
