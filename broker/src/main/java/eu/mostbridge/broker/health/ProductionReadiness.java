package eu.mostbridge.broker.health;

import eu.mostbridge.broker.client.ClientRegistry;
import eu.mostbridge.broker.config.BrokerConfig;
import eu.mostbridge.broker.keys.SigningKeys;
import eu.mostbridge.broker.national.NationalEids;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Refuses to start (before the other start-up beans, so the list is complete) until the
 * configuration is real, listing everything that is missing at once: a signing key set, a clients
 * file, both identifier secrets, an https issuer, and at least one national eID. Only the demo
 * artifact, which carries a {@link Demonstration}, starts without them: the same gaps are then
 * filled with values made at start-up, each announced by a warning.
 */
@ApplicationScoped
public class ProductionReadiness {
  private static final Logger LOG = Logger.getLogger(ProductionReadiness.class);

  void check(
      @Observes @Priority(10) StartupEvent event,
      BrokerConfig config,
      Instance<NationalEids> eids,
      Instance<ClientRegistry> clients,
      Instance<SigningKeys> keys,
      Instance<Demonstration> demonstration) {
    List<String> unsigned =
        clients.get().all().stream()
            .filter(c -> !keys.get().algorithms().contains(c.tokenAlgorithm()))
            .map(
                c ->
                    "client "
                        + c.id()
                        + ": its ID tokens are signed with "
                        + c.tokenAlgorithm()
                        + ", for which most.signing.keys-file holds no active key (ES256: an EC"
                        + " P-256 key; RS256, PS256: an RSA key of 2048 bits or more with that"
                        + " alg); add one, or give the client another tokenAlgorithm")
            .toList();
    if (!unsigned.isEmpty()) {
      throw new IllegalStateException(String.join("\n", unsigned));
    }
    List<String> missing = missing(config, eids.get().all().size());
    if (demonstration.isResolvable()) {
      LOG.warnf("DEMO: %s. Never use it with real citizens.", demonstration.get().standIns());
      return;
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "Most will not start without real configuration. Missing:\n  - "
              + String.join("\n  - ", missing)
              + "\n(For a demonstration, run the demo artifact: demo/target/quarkus-app.)");
    }
  }

  static List<String> missing(BrokerConfig config, int nationalEids) {
    List<String> missing = new ArrayList<>();
    if (!"https".equals(config.issuer().getScheme())) {
      missing.add("most.issuer: the external https URL of the broker");
    }
    if (config.signing().keysFile().isEmpty()) {
      missing.add("most.signing.keys-file: a JWK set of private signing keys");
    }
    if (config.clientsFile().isEmpty()) {
      missing.add("most.clients-file: the relying parties (YAML or JSON)");
    }
    if (config.secrets().pairwiseKey().isEmpty()) {
      missing.add("most.secrets.pairwise-key: base64 of 32 random bytes");
    }
    if (config.secrets().pseudonymKey().isEmpty()) {
      missing.add("most.secrets.pseudonym-key: base64 of 32 random bytes");
    }
    if (nationalEids == 0) {
      missing.add("a national eID: most.national.* (see docs/BROKER.md)");
    }
    return missing;
  }
}
