package eu.mostbridge.broker.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import eu.mostbridge.broker.config.BrokerConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The broker's signing keys: read from JWK sets, PKCS#12 key stores or PEM files, or made at
 * start-up for a demo (an RSA and an EC key). Every key must be private, asymmetric (EC P-256 or
 * RSA of at least 2048 bits), have a unique key ID and an algorithm the broker signs with. An
 * active RS256 key is required: OpenID Connect Core makes RS256 mandatory to implement, and
 * Discovery requires it among the advertised algorithms. All keys are published in the JWKS; only
 * the active ones sign, so a key can be published ahead of use and a retired one kept for
 * verification.
 */
@ApplicationScoped
@Startup
public class SigningKeys {
  private static final Logger LOG = Logger.getLogger(SigningKeys.class);
  private static final Set<String> SIGNING_ALGORITHMS = Set.of("ES256", "PS256", "RS256");

  private final JWKSet keys;
  private final Map<String, JWK> signing = new LinkedHashMap<>();

  @Inject
  public SigningKeys(BrokerConfig config) {
    this(
        config.signing().keysFile().orElse(List.of()),
        config.signing().keystorePassword(),
        config.signing().rsaAlgorithm(),
        config.signing().activeKeyIds(),
        config.signing().defaultAlgorithm());
  }

  /** Keys generated at start-up, RS256 and ES256 (demo, tests). */
  public SigningKeys(Optional<Path> keysFile, String defaultAlgorithm) {
    this(
        keysFile.map(List::of).orElse(List.of()),
        Optional.empty(),
        "RS256",
        Optional.empty(),
        defaultAlgorithm);
  }

  /**
   * Keys from {@code files}, or one made now when there are none.
   *
   * @throws IllegalStateException naming the file and the problem when a key cannot be used, or
   *     when no active key signs with {@code defaultAlgorithm}
   */
  public SigningKeys(
      List<Path> files,
      Optional<String> keystorePassword,
      String rsaAlgorithm,
      Optional<List<String>> activeKeyIds,
      String defaultAlgorithm) {
    List<JWK> all = new ArrayList<>();
    for (Path file : files) {
      all.addAll(read(file, keystorePassword, rsaAlgorithm));
    }
    if (files.isEmpty()) {
      all.addAll(demoKeys());
    }
    Set<String> ids = new HashSet<>();
    for (JWK key : all) {
      if (!ids.add(key.getKeyID())) {
        throw new IllegalStateException(
            "most.signing: the key id " + key.getKeyID() + " is used twice");
      }
    }
    this.keys = new JWKSet(all);
    for (JWK key : all) {
      boolean active = activeKeyIds.map(a -> a.contains(key.getKeyID())).orElse(true);
      if (active) {
        signing.putIfAbsent(algorithm(key), key);
      }
    }
    activeKeyIds.ifPresent(
        active ->
            active.stream()
                .filter(id -> !ids.contains(id))
                .findFirst()
                .ifPresent(
                    id -> {
                      throw new IllegalStateException(
                          "most.signing.active-key-ids names " + id + ", which no key file holds");
                    }));
    if (!signing.containsKey("RS256")) {
      throw new IllegalStateException(
          "most.signing: no active RS256 key; OpenID Connect requires RS256 to be offered: add an"
              + " RSA key of 2048 bits or more with alg RS256 (RSA keys in PKCS#12 and PEM files"
              + " get most.signing.rsa-algorithm, RS256 by default)");
    }
    if (!signing.containsKey(defaultAlgorithm)) {
      throw new IllegalStateException(
          "most.signing.default-algorithm " + defaultAlgorithm + " has no active signing key");
    }
  }

  private static List<JWK> read(Path file, Optional<String> password, String rsaAlgorithm) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    List<JWK> read = new ArrayList<>();
    try {
      if (name.endsWith(".p12") || name.endsWith(".pfx")) {
        KeyStore store = KeyStore.getInstance("PKCS12");
        char[] secret = password.orElse("").toCharArray();
        try (InputStream in = Files.newInputStream(file)) {
          store.load(in, secret);
        }
        for (JWK key : JWKSet.load(store, alias -> secret).getKeys()) {
          if (key.isPrivate()) {
            read.add(withAlgorithm(key, rsaAlgorithm));
          }
        }
      } else if (name.endsWith(".pem")) {
        JWK key = JWK.parseFromPEMEncodedObjects(Files.readString(file));
        JWK identified =
            key instanceof ECKey ec
                ? new ECKey.Builder(ec).keyIDFromThumbprint().build()
                : new RSAKey.Builder((RSAKey) key).keyIDFromThumbprint().build();
        read.add(withAlgorithm(identified, rsaAlgorithm));
      } else {
        read.addAll(JWKSet.parse(Files.readString(file)).getKeys());
      }
    } catch (IOException | ParseException | GeneralSecurityException | JOSEException e) {
      throw new IllegalStateException(
          "most.signing.keys-file " + file + " cannot be read: " + e.getMessage(), e);
    }
    if (read.isEmpty()) {
      throw new IllegalStateException("most.signing.keys-file " + file + " holds no private key");
    }
    for (JWK key : read) {
      String problem = problem(key);
      if (problem != null) {
        throw new IllegalStateException("most.signing.keys-file " + file + ": " + problem);
      }
    }
    return read;
  }

  /** Why {@code key} cannot sign ID tokens, or null. */
  private static String problem(JWK key) {
    if (!key.isPrivate()) {
      return "the key " + key.getKeyID() + " has no private part";
    }
    if (key.getKeyID() == null) {
      return "every key needs a kid";
    }
    String algorithm = algorithm(key);
    if (!SIGNING_ALGORITHMS.contains(algorithm)) {
      return "the key " + key.getKeyID() + " needs alg ES256, PS256 or RS256";
    }
    if (key instanceof ECKey ec
        && !(algorithm.equals("ES256") && Curve.P_256.equals(ec.getCurve()))) {
      return "the EC key " + key.getKeyID() + " must be on P-256 with alg ES256";
    }
    if (key instanceof RSAKey && (algorithm.equals("ES256") || key.size() < 2048)) {
      return "the RSA key " + key.getKeyID() + " needs at least 2048 bits and alg PS256 or RS256";
    }
    return null;
  }

  private static JWK withAlgorithm(JWK key, String rsaAlgorithm) throws JOSEException {
    if (key.getAlgorithm() != null) {
      return key;
    }
    if (key instanceof ECKey ec) {
      return new ECKey.Builder(ec).algorithm(JWSAlgorithm.ES256).keyUse(KeyUse.SIGNATURE).build();
    }
    if (key instanceof RSAKey rsa) {
      return new RSAKey.Builder(rsa)
          .algorithm(JWSAlgorithm.parse(rsaAlgorithm))
          .keyUse(KeyUse.SIGNATURE)
          .build();
    }
    throw new JOSEException("Only EC and RSA keys sign ID tokens");
  }

  private static List<JWK> demoKeys() {
    LOG.warn(
        "No most.signing.keys-file: made RS256 and ES256 keys for this process only (demo)."
            + " Configure keys for production and for several replicas.");
    try {
      return List.of(
          new RSAKeyGenerator(2048)
              .keyUse(KeyUse.SIGNATURE)
              .algorithm(JWSAlgorithm.RS256)
              .keyIDFromThumbprint(true)
              .generate(),
          new ECKeyGenerator(Curve.P_256)
              .keyUse(KeyUse.SIGNATURE)
              .algorithm(JWSAlgorithm.ES256)
              .keyIDFromThumbprint(true)
              .generate());
    } catch (JOSEException e) {
      throw new IllegalStateException("The demo's signing keys cannot be made", e);
    }
  }

  private static String algorithm(JWK key) {
    return key.getAlgorithm() == null ? null : key.getAlgorithm().getName();
  }

  /** Every public key, active or not, as published at the JWKS endpoint. */
  public JWKSet publicKeys() {
    return keys.toPublicJWKSet();
  }

  /** The active signing key for {@code algorithm}. */
  public JWK keyFor(String algorithm) {
    JWK key = signing.get(algorithm);
    if (key == null) {
      throw new IllegalStateException("No active signing key for " + algorithm);
    }
    return key;
  }

  /** The algorithms the broker can sign ID tokens with now. */
  public List<String> algorithms() {
    return signing.keySet().stream().sorted().toList();
  }
}
