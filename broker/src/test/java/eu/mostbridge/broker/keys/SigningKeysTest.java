package eu.mostbridge.broker.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import eu.mostbridge.simulator.SimulatorKeys;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {
  @TempDir Path dir;

  private Path jwks(String... kids) throws Exception {
    List<com.nimbusds.jose.jwk.JWK> keys = new java.util.ArrayList<>();
    for (String kid : kids) {
      keys.add(new ECKeyGenerator(Curve.P_256).keyID(kid).algorithm(JWSAlgorithm.ES256).generate());
    }
    Path file = dir.resolve(String.join("-", kids) + ".json");
    Files.writeString(file, new JWKSet(keys).toString(false));
    return file;
  }

  /** An RS256 key, which every key set needs. */
  private Path rs256() throws Exception {
    Path file = dir.resolve("rs256.json");
    Files.writeString(
        file,
        new JWKSet(new RSAKeyGenerator(2048).keyID("rsa").algorithm(JWSAlgorithm.RS256).generate())
            .toString(false));
    return file;
  }

  private SigningKeys keys(List<Path> files, Optional<List<String>> active) throws Exception {
    List<Path> all = new java.util.ArrayList<>(files);
    if (active.isEmpty() || active.get().contains("rsa")) {
      all.add(rs256());
    }
    return new SigningKeys(all, Optional.of("changeit"), "RS256", active, "ES256");
  }

  @Test
  void theFirstKeySignsAndEveryKeyIsPublished() throws Exception {
    SigningKeys keys = keys(List.of(jwks("current", "next")), Optional.empty());

    assertThat(keys.keyFor("ES256").getKeyID()).isEqualTo("current");
    assertThat(keys.publicKeys().getKeys())
        .extracting(k -> k.getKeyID())
        .containsExactly("current", "next", "rsa");
    assertThat(keys.publicKeys().getKeys()).noneMatch(k -> k.isPrivate());
  }

  @Test
  void aKeyCanBePublishedAheadOfUseAndAnOldOneKeptForVerification() throws Exception {
    SigningKeys keys =
        keys(List.of(jwks("retired", "current", "next")), Optional.of(List.of("current", "rsa")));

    assertThat(keys.keyFor("ES256").getKeyID()).isEqualTo("current");
    assertThat(keys.publicKeys().getKeyByKeyId("retired")).isNotNull();
    assertThat(keys.publicKeys().getKeyByKeyId("next")).isNotNull();
  }

  @Test
  void readsPkcs12AndPem() throws Exception {
    SimulatorKeys rsa = SimulatorKeys.rsa("rsa signing");
    SimulatorKeys ec = SimulatorKeys.ec("ec signing");
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry(
        "rsa-2026",
        rsa.privateKey(),
        "changeit".toCharArray(),
        new X509Certificate[] {rsa.certificate()});
    Path p12 = dir.resolve("keys.p12");
    try (OutputStream out = Files.newOutputStream(p12)) {
      store.store(out, "changeit".toCharArray());
    }
    Path pem = dir.resolve("ec.pem");
    Files.writeString(
        pem,
        pem("PRIVATE KEY", ec.privateKey().getEncoded())
            + pem("CERTIFICATE", ec.certificate().getEncoded()));

    SigningKeys keys =
        new SigningKeys(
            List.of(p12, pem), Optional.of("changeit"), "RS256", Optional.empty(), "ES256");

    assertThat(keys.algorithms()).containsExactly("ES256", "RS256");
    assertThat(keys.keyFor("RS256").getKeyID()).isEqualTo("rsa-2026");
    assertThat(((ECKey) keys.keyFor("ES256")).getCurve()).isEqualTo(Curve.P_256);
  }

  @Test
  void refusesAKeyWithoutItsPrivatePart() throws Exception {
    Path file = dir.resolve("public.json");
    Files.writeString(
        file,
        new JWKSet(
                new ECKeyGenerator(Curve.P_256)
                    .keyID("pub")
                    .algorithm(JWSAlgorithm.ES256)
                    .generate()
                    .toPublicJWK())
            .toString());

    IllegalStateException failure =
        catchThrowableOfType(
            IllegalStateException.class, () -> keys(List.of(file), Optional.empty()));

    assertThat(failure).hasMessageContaining(file.toString()).hasMessageContaining("private");
  }

  @Test
  void refusesAnActiveKeyIdNoFileHolds() throws Exception {
    Path file = jwks("a");

    IllegalStateException failure =
        catchThrowableOfType(
            IllegalStateException.class,
            () -> keys(List.of(file), Optional.of(List.of("b", "rsa"))));

    assertThat(failure).hasMessageContaining("active-key-ids").hasMessageContaining("b");
  }

  @Test
  void refusesAKeySetWithoutAnRs256Key() throws Exception {
    Path ecOnly = jwks("ec");

    IllegalStateException failure =
        catchThrowableOfType(
            IllegalStateException.class,
            () ->
                new SigningKeys(
                    List.of(ecOnly), Optional.empty(), "RS256", Optional.empty(), "ES256"));

    assertThat(failure).hasMessageContaining("RS256").hasMessageContaining("OpenID Connect");
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
