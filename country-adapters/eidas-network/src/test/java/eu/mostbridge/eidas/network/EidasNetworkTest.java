package eu.mostbridge.eidas.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.mostbridge.config.ConfigSection;
import eu.mostbridge.config.InvalidConfigurationException;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.replay.InMemoryReplayCache;
import eu.mostbridge.saml.eidas.ConnectorPeer;
import eu.mostbridge.saml.eidas.ProxyServiceIdentity;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator configures under {@code most.eidas.network}, and each mistake refused by name.
 */
class EidasNetworkTest {
  private static final ProxyServiceIdentity.Publisher PUBLISHER =
      new ProxyServiceIdentity.Publisher(
          "Most", "Most", URI.create("https://most.test"), List.of());

  @TempDir Path directory;
  private final Map<String, String> values = new HashMap<>();

  @BeforeEach
  void configure() throws Exception {
    Path keystore = directory.resolve("connector.p12");
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    for (String alias : List.of("signing", "encryption")) {
      KeyPair pair = ec();
      store.setKeyEntry(
          alias, pair.getPrivate(), "secret".toCharArray(), new Certificate[] {certificate(pair)});
    }
    try (OutputStream out = Files.newOutputStream(keystore)) {
      store.store(out, "secret".toCharArray());
    }
    Path anchor = directory.resolve("greece.pem");
    Files.writeString(
        anchor,
        "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder().encodeToString(certificate(ec()).getEncoded())
            + "\n-----END CERTIFICATE-----\n");
    values.put("countries", "GR");
    values.put("node-country", "MK");
    values.put("keystore", keystore.toString());
    values.put("keystore-password", "secret");
    values.put("el.entity-id", "https://eidas.gr.test/metadata");
    values.put("el.trust-anchor", anchor.toString());
  }

  private Optional<EidasNetwork> network() {
    return EidasNetwork.create(
        new MapSection("most.eidas.network", values),
        "https://most.test",
        PUBLISHER,
        new InMemoryReplayCache(),
        Clock.systemUTC());
  }

  @Test
  void aConfiguredNetworkIsMostsConnectorAndOneEidPerCountryGreeceReadAsEl() {
    EidasNetwork network = network().orElseThrow();

    assertThat(network.connector().entityId())
        .isEqualTo("https://most.test/eidas/connector/metadata");
    assertThat(network.connector().assertionConsumerService())
        .isEqualTo(URI.create("https://most.test/callback/eidas-network"));
    assertThat(network.connector().nodeCountry()).isEqualTo(CountryCode.MK);
    assertThat(network.connector().spType()).isEqualTo(ConnectorPeer.SpType.PUBLIC);
    assertThat(network.adapters())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.id()).isEqualTo("el-eidas");
              assertThat(a.callbackId()).isEqualTo("eidas-network");
              assertThat(a.fixedDestination()).contains(CountryCode.MK);
              assertThat(a.supportedLevels())
                  .as("offers nothing until its metadata is read")
                  .isEmpty();
            });
    assertThat(network.proxyServices().get(0).fromUrl()).isTrue();
    assertThat(network.proxyServices().get(0).source()).isEqualTo("https://eidas.gr.test/metadata");
  }

  @Test
  void nothingIsBuiltWithoutTheSection() {
    values.clear();

    assertThat(network()).isEmpty();
  }

  @Test
  void eachMistakeIsRefusedByItsKey() {
    assertRefused("node-country", null, "most.eidas.network.node-country is required");
    assertRefused("countries", "Atlantis", "most.eidas.network.countries");
    assertRefused("el.trust-anchor", null, "most.eidas.network.el.trust-anchor is required");
    assertRefused("el.metadata-refresh", "PT0.5S", "most.eidas.network.el.metadata-refresh");
    assertRefused("sp-type", "commercial", "most.eidas.network.sp-type");
    assertRefused("encryption-aliases", "signing", "signs and decrypts with one key");
    assertRefused("keystore-password", "wrong", "most.eidas.network.keystore");
    assertRefused("countries", "EL,MK", "the connector's own country");
    assertRefused("el.relaxations", "AES_CBC_ENCRYPTION", "may hold only");
    assertRefused("el.relaxations", "UNSIGNED_RESPONSE_CBC_ASSERTION", "may hold only");
  }

  @Test
  void aMetadataFileIsReadAtOnceAndAFileThatFailsStopsStartUp() throws Exception {
    Path file = directory.resolve("greece-metadata.xml");
    Files.writeString(file, "<not-metadata/>");
    values.put("el.metadata-file", file.toString());

    assertThatThrownBy(this::network)
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("most.eidas.network.el.metadata-file cannot be used");
  }

  private void assertRefused(String key, String value, String message) {
    String before = values.get(key);
    if (value == null) {
      values.remove(key);
    } else {
      values.put(key, value);
    }
    try {
      assertThatThrownBy(this::network)
          .as(key)
          .isInstanceOf(RuntimeException.class)
          .hasMessageContaining(message);
    } finally {
      if (before == null) {
        values.remove(key);
      } else {
        values.put(key, before);
      }
    }
  }

  private static KeyPair ec() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static X509Certificate certificate(KeyPair pair) throws Exception {
    X500Name name = new X500Name("CN=Test");
    Instant now = Instant.now();
    return new JcaX509CertificateConverter()
        .getCertificate(
            new JcaX509v3CertificateBuilder(
                    name,
                    BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(30))),
                    name,
                    pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
  }

  /** A section over a map, as MicroProfile Config gives the broker one. */
  private record MapSection(String name, Map<String, String> values) implements ConfigSection {
    @Override
    public boolean isPresent() {
      return !values.isEmpty();
    }

    @Override
    public ConfigSection section(String child) {
      Map<String, String> children = new HashMap<>();
      values.forEach(
          (k, v) -> {
            if (k.startsWith(child + ".")) {
              children.put(k.substring(child.length() + 1), v);
            }
          });
      return new MapSection(keyName(child), children);
    }

    @Override
    public Optional<String> string(String key) {
      return Optional.ofNullable(values.get(key)).filter(v -> !v.isBlank());
    }

    @Override
    public Optional<List<String>> list(String key) {
      return string(key).map(v -> Arrays.stream(v.split(",", -1)).map(String::strip).toList());
    }

    @Override
    public Map<String, String> map(String key) {
      return Map.of();
    }
  }
}
