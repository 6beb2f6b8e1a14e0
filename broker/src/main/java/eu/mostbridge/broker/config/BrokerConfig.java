package eu.mostbridge.broker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The broker's configuration, under {@code most.*} (application.properties, env, -D). */
@ConfigMapping(prefix = "most")
public interface BrokerConfig {
  /** The issuer relying parties see in {@code iss}: the broker's external base URL. */
  URI issuer();

  /**
   * The relying parties: a YAML or JSON file (a ConfigMap in Kubernetes). Optional only in demo
   * mode, where the demo's own clients are registered in code.
   */
  Optional<Path> clientsFile();

  /** How ID tokens are signed. */
  Signing signing();

  /** How long each piece of flow state lives. */
  Lifetimes lifetimes();

  /** Keys for the pairwise subject and the identifier pseudonym. */
  Secrets secrets();

  /** The demo: simulators and demo relying parties in the same process. */
  Demo demo();

  /** Signing keys. */
  interface Signing {
    /**
     * Files with the private signing keys (Secrets in Kubernetes), comma-separated: JWK sets
     * ({@code .json}), PKCS#12 key stores ({@code .p12}, {@code .pfx}; the alias is the {@code
     * kid}) or PEM files with a private key and its certificate ({@code .pem}; the {@code kid} is
     * the key's thumbprint). Without any, the broker makes an ES256 key at start-up, which suits a
     * single demo process only.
     */
    Optional<List<Path>> keysFile();

    /** The password of the PKCS#12 key stores. */
    Optional<String> keystorePassword();

    /** The algorithm of RSA keys that do not name one (PKCS#12, PEM): PS256 or RS256. */
    @WithDefault("PS256")
    String rsaAlgorithm();

    /**
     * The key ids that sign, the first of each algorithm; every other key is only published in the
     * JWKS: a new key ahead of use, or a retired one kept until the tokens it signed have expired.
     * Without it, the first key of each algorithm signs.
     */
    Optional<List<String>> activeKeyIds();

    /** The default ID token algorithm; clients may choose another that a key supports. */
    @WithDefault("ES256")
    String defaultAlgorithm();
  }

  /** Lifetimes of flow state; every entry expires by itself. */
  interface Lifetimes {
    /** From the authorization request to the code: the citizen's time to choose and consent. */
    @WithDefault("PT15M")
    Duration login();

    /** An authorization code (RFC 6749 recommends at most 10 minutes; Most uses 60 s). */
    @WithDefault("PT60S")
    Duration code();

    /** An access token, for userinfo. */
    @WithDefault("PT5M")
    Duration accessToken();
  }

  /** Secrets that make identifiers unlinkable; both must be kept across restarts and replicas. */
  interface Secrets {
    /** Base64 of at least 32 random bytes: the HMAC key of pairwise {@code sub} values. */
    Optional<String> pairwiseKey();

    /** Base64 of at least 32 random bytes: the HMAC key of person identifier pseudonyms. */
    Optional<String> pseudonymKey();

    /** The id of the pseudonym key, carried in every pseudonym so the key can be rotated. */
    @WithDefault("p1")
    String pseudonymKeyId();
  }

  /** Demo mode. */
  interface Demo {
    /**
     * Mount the national IdP simulators under {@code /sim/}, the demo relying parties under {@code
     * /demo/}, and register the demo clients. Never in production: secrets are made at start-up.
     */
    @WithDefault("false")
    boolean enabled();

    /** Extra synthetic personas for the simulators, in the simulators' JSON format. */
    Optional<Path> personasFile();
  }
}
