package eu.mostbridge.broker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/** The broker's configuration, under {@code most.*} (application.properties, env, -D). */
@ConfigMapping(prefix = "most")
public interface BrokerConfig {
  /** The issuer relying parties see in {@code iss}: the broker's external base URL. */
  URI issuer();

  /** The relying parties: a YAML or JSON file (a ConfigMap in Kubernetes). */
  Path clientsFile();

  /** How ID tokens are signed. */
  Signing signing();

  /** Signing keys. */
  interface Signing {
    /**
     * A JWK set with the private signing keys (a Secret in Kubernetes). Without it the broker makes
     * an ES256 key at start-up, which suits a single demo process only: tokens signed before a
     * restart cannot be verified after it, and replicas would not share it.
     */
    Optional<Path> keysFile();

    /** The default ID token algorithm; clients may choose another that a key supports. */
    @WithDefault("ES256")
    String defaultAlgorithm();
  }
}
