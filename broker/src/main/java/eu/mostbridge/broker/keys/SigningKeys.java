package eu.mostbridge.broker.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import eu.mostbridge.broker.config.BrokerConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.text.ParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The broker's signing keys: read from the configured JWK set, or made at start-up for a demo.
 * Every key must be private, asymmetric, have a key ID and an algorithm the broker signs with.
 */
@ApplicationScoped
@Startup
public class SigningKeys {
  private static final Logger LOG = Logger.getLogger(SigningKeys.class);
  private static final Set<String> SIGNING_ALGORITHMS = Set.of("ES256", "PS256", "RS256");

  private final JWKSet keys;
  private final boolean generated;

  @Inject
  public SigningKeys(BrokerConfig config) {
    this(config.signing().keysFile(), config.signing().defaultAlgorithm());
  }

  /**
   * Keys from {@code keysFile}, or one made now when absent (demo).
   *
   * @throws IllegalStateException when the file is unreadable or has no key for {@code
   *     defaultAlgorithm}
   */
  public SigningKeys(Optional<java.nio.file.Path> keysFile, String defaultAlgorithm) {
    this.keys = keysFile.isPresent() ? read(keysFile.get()) : demoKey();
    this.generated = keysFile.isEmpty();
    if (keys.getKeys().stream().noneMatch(k -> defaultAlgorithm.equals(algorithm(k)))) {
      throw new IllegalStateException(
          "most.signing.default-algorithm "
              + defaultAlgorithm
              + " has no key in the signing key set");
    }
  }

  /** True when the keys were made at start-up (demo) rather than read. */
  public boolean generated() {
    return generated;
  }

  private static JWKSet read(java.nio.file.Path file) {
    JWKSet set;
    try {
      set = JWKSet.parse(Files.readString(file));
    } catch (IOException | ParseException e) {
      throw new IllegalStateException(
          "most.signing.keys-file " + file + " is not a readable JWK set", e);
    }
    for (JWK key : set.getKeys()) {
      if (!key.isPrivate()
          || key.getKeyID() == null
          || !SIGNING_ALGORITHMS.contains(algorithm(key))) {
        throw new IllegalStateException(
            "most.signing.keys-file: every key needs a private part, a kid and alg ES256, PS256 or"
                + " RS256");
      }
    }
    if (set.getKeys().isEmpty()) {
      throw new IllegalStateException("most.signing.keys-file holds no key");
    }
    return set;
  }

  private static JWKSet demoKey() {
    LOG.warn(
        "No most.signing.keys-file: made an ES256 key for this process only (demo). Configure a key"
            + " set for production and for several replicas.");
    try {
      return new JWKSet(
          new ECKeyGenerator(Curve.P_256)
              .keyUse(KeyUse.SIGNATURE)
              .algorithm(JWSAlgorithm.ES256)
              .keyIDFromThumbprint(true)
              .generate());
    } catch (JOSEException e) {
      throw new IllegalStateException("An ES256 key cannot be made", e);
    }
  }

  private static String algorithm(JWK key) {
    return key.getAlgorithm() == null ? null : key.getAlgorithm().getName();
  }

  /** The public keys, as published at the JWKS endpoint. */
  public JWKSet publicKeys() {
    return keys.toPublicJWKSet();
  }

  /** The signing key for {@code algorithm}; the first such key in the set (the current one). */
  public JWK keyFor(String algorithm) {
    return keys.getKeys().stream()
        .filter(k -> algorithm.equals(algorithm(k)))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("No signing key for " + algorithm));
  }

  /** The algorithms the broker can sign ID tokens with. */
  public List<String> algorithms() {
    return keys.getKeys().stream().map(SigningKeys::algorithm).distinct().sorted().toList();
  }
}
