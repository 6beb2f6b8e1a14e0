package eu.mostbridge.broker.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import eu.mostbridge.broker.client.IdentifierPolicy;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.saml.eidas.ConnectorPeer;
import eu.mostbridge.simulator.SimulatorKeys;
import eu.mostbridge.simulator.eidas.ConnectorMetadata;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a configured connector is trusted, and every configuration that is refused. */
class ConfiguredConnectorsTest {
  private static final SimulatorKeys SIGNING = SimulatorKeys.ec("connector signing");
  private static final SimulatorKeys OTHER = SimulatorKeys.ec("someone else");
  private static final String ENTITY = "https://eidas.example.bg/EidasNode/ConnectorMetadata";
  private static final String SECTION = "most.eidas.connectors.bg-node.";

  @TempDir Path dir;

  private ConnectorMetadata metadata() {
    return ConnectorMetadata.typical(
        ENTITY,
        "BG",
        "https://eidas.example.bg/EidasNode/ColleagueResponse",
        SIGNING,
        SimulatorKeys.ec("connector encryption").certificate());
  }

  private Path write(String name, byte[] content) throws IOException {
    return Files.write(dir.resolve(name), content);
  }

  private Path pem(X509Certificate certificate) throws IOException, CertificateEncodingException {
    return write(
        "signer.pem",
        ("-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder().encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n")
            .getBytes(StandardCharsets.US_ASCII));
  }

  private Map<String, String> section(ConnectorMetadata metadata) throws Exception {
    Map<String, String> values = new HashMap<>();
    values.put(SECTION + "entity-id", ENTITY);
    values.put(SECTION + "metadata-file", write("metadata.xml", metadata.toBytes()).toString());
    values.put(SECTION + "metadata-signer", pem(SIGNING.certificate()).toString());
    return values;
  }

  private static List<ConnectorRegistration> build(Map<String, String> values) {
    ConfiguredConnectors connectors =
        new ConfiguredConnectors(TestEidasConfig.of(values), Clock.systemUTC());
    try {
      return connectors.connectors();
    } finally {
      connectors.stop();
    }
  }

  private static Map<String, String> with(Map<String, String> values, String key, String value) {
    Map<String, String> all = new HashMap<>(values);
    if (value == null) {
      all.remove(SECTION + key);
    } else {
      all.put(SECTION + key, value);
    }
    return all;
  }

  @Test
  void aConnectorIsTrustedThroughItsSignedMetadata() throws Exception {
    ConnectorRegistration connector =
        build(with(section(metadata()), "name", "Bulgarian eIDAS node")).get(0);

    assertThat(connector.id()).isEqualTo("bg-node");
    assertThat(connector.entityId()).isEqualTo(ENTITY);
    assertThat(connector.nodeCountry()).isEqualTo(CountryCode.BG);
    assertThat(connector.name("bg")).isEqualTo("Bulgarian eIDAS node");
    assertThat(connector.identifierPolicy()).isEqualTo(IdentifierPolicy.PSEUDONYM);
    assertThat(connector.relaxations()).isEmpty();
    assertThat(connector.algorithms().isStrict()).isTrue();
  }

  @Test
  void metadataSignedByAnotherKeyStopsStartUp() throws Exception {
    Map<String, String> values = section(metadata());
    values.put(SECTION + "metadata-signer", pem(OTHER.certificate()).toString());

    assertThatThrownBy(() -> build(values))
        .hasMessageContaining("most.eidas.connectors.bg-node: its metadata cannot be used")
        .hasMessageContaining("does not verify with any key configured for");
  }

  @Test
  void theMetadataSignerIsRequired() throws Exception {
    assertThatThrownBy(() -> build(with(section(metadata()), "metadata-signer", null)))
        .hasMessageContaining("metadata-signer: the certificate its metadata is signed with");
  }

  @Test
  void oneSourceOfMetadataExactly() throws Exception {
    assertThatThrownBy(
            () -> build(with(section(metadata()), "metadata-url", "https://eidas.example.bg/md")))
        .hasMessageContaining("set one of metadata-url and metadata-file");
    assertThatThrownBy(() -> build(with(section(metadata()), "metadata-file", null)))
        .hasMessageContaining("set one of metadata-url and metadata-file");
  }

  @Test
  void unsignedMetadataIsAcceptedOnlyFromAFileAndOnlyWhenGranted() throws Exception {
    Map<String, String> unsigned = with(section(metadata().unsigned()), "metadata-signer", null);
    assertThatThrownBy(() -> build(unsigned)).hasMessageContaining("metadata-signer");

    ConnectorRegistration connector =
        build(with(unsigned, "relaxations", "UNSIGNED_METADATA_FILE")).get(0);
    assertThat(connector.relaxations()).containsExactly(ConnectorRelaxation.UNSIGNED_METADATA_FILE);

    Map<String, String> fromUrl =
        with(
            with(with(unsigned, "relaxations", "UNSIGNED_METADATA_FILE"), "metadata-file", null),
            "metadata-url",
            "https://eidas.example.bg/md");
    assertThatThrownBy(() -> build(fromUrl)).hasMessageContaining("never for a URL");
  }

  @Test
  void aConnectorWithoutNodeCountryNeedsItsRelaxationAndCountry() throws Exception {
    Map<String, String> noCountry = section(metadata().withNodeCountry(Optional.empty()));
    assertThatThrownBy(() -> build(noCountry)).hasMessageContaining("no eidas:NodeCountry");
    assertThatThrownBy(() -> build(with(noCountry, "node-country", "BG")))
        .hasMessageContaining("node-country goes with the relaxation NO_NODE_COUNTRY");

    ConnectorRegistration connector =
        build(with(with(noCountry, "node-country", "RO"), "relaxations", "NO_NODE_COUNTRY")).get(0);
    assertThat(connector.nodeCountry()).isEqualTo(CountryCode.of("RO"));
  }

  @Test
  void aConfiguredCountryCannotOverrideTheMetadatas() throws Exception {
    assertThatThrownBy(
            () ->
                build(
                    with(
                        with(section(metadata()), "node-country", "RO"),
                        "relaxations",
                        "NO_NODE_COUNTRY")))
        .hasMessageContaining("The metadata names its NodeCountry");
  }

  @Test
  void aPseudonymUnlessTheNationalNumberIsGranted() throws Exception {
    assertThat(
            build(with(section(metadata()), "identifier", "national-number"))
                .get(0)
                .identifierPolicy())
        .isEqualTo(IdentifierPolicy.NATIONAL_NUMBER);
  }

  @Test
  void aPlainSamlServiceProvidersSectorGoesWithItsRelaxationOnly() throws Exception {
    assertThatThrownBy(() -> build(with(section(metadata()), "sp-type", "public")))
        .hasMessageContaining("sp-type goes with the relaxation PLAIN_SAML_REQUESTS");
    assertThatThrownBy(() -> build(with(section(metadata()), "relaxations", "PLAIN_SAML_REQUESTS")))
        .hasMessageContaining("sp-type goes with the relaxation PLAIN_SAML_REQUESTS");
    assertThatThrownBy(
            () ->
                build(
                    with(
                        with(section(metadata()), "relaxations", "PLAIN_SAML_REQUESTS"),
                        "sp-type",
                        "municipal")))
        .hasMessageContaining("municipal is neither public nor private");

    assertThatThrownBy(
            () ->
                build(
                    with(
                        with(section(metadata()), "relaxations", "PLAIN_SAML_REQUESTS"),
                        "sp-type",
                        "private")))
        .as("a private sector service is named by a RequesterID, which plain SAML cannot send")
        .hasMessageContaining("must be named by its RequesterID");

    ConnectorRegistration plain =
        build(
                with(
                    with(section(metadata()), "relaxations", "PLAIN_SAML_REQUESTS"),
                    "sp-type",
                    "public"))
            .get(0);
    assertThat(plain.spTypeWithoutExtensions()).contains(ConnectorPeer.SpType.PUBLIC);
    assertThat(build(section(metadata())).get(0).spTypeWithoutExtensions()).isEmpty();
  }

  @Test
  void signedMetadataWithoutValidUntilNeedsItsRelaxation() throws Exception {
    ConnectorMetadata forever = metadata().withValidUntil(Optional.empty());
    assertThatThrownBy(() -> build(section(forever)))
        .hasMessageContaining("no validUntil, which the eIDAS profile asks for");

    assertThat(
            build(with(section(forever), "relaxations", "METADATA_WITHOUT_VALID_UNTIL"))
                .get(0)
                .metadata())
        .isPresent();
  }

  @Test
  void aRefreshOfLessThanASecondIsRefused() throws Exception {
    assertThatThrownBy(() -> build(with(section(metadata()), "metadata-refresh", "PT0S")))
        .hasMessageContaining("metadata-refresh: at least one second");
  }

  @Test
  void aConnectorWhoseMetadataServerIsDownIsNotTrustedUntilItIsServed() throws Exception {
    AtomicReference<byte[]> served = new AtomicReference<>();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/metadata",
        exchange -> {
          byte[] body = served.get();
          if (body == null) {
            exchange.sendResponseHeaders(503, -1);
          } else {
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
          }
          exchange.close();
        });
    server.start();
    Map<String, String> values = section(metadata());
    values.remove(SECTION + "metadata-file");
    values.put(
        SECTION + "metadata-url",
        "http://127.0.0.1:" + server.getAddress().getPort() + "/metadata");
    values.put(SECTION + "metadata-refresh", "PT1S");
    ConfiguredConnectors connectors =
        new ConfiguredConnectors(TestEidasConfig.of(values), Clock.systemUTC());
    try {
      ConnectorRegistration connector = connectors.connectors().get(0);
      assertThat(connector.metadata()).isEmpty();
      assertThat(connector.entityId()).isEqualTo(ENTITY);
      assertThatThrownBy(connector::nodeCountry).hasMessageContaining("not been read yet");

      served.set(metadata().toBytes());
      Instant deadline = Instant.now().plusSeconds(10);
      while (connector.metadata().isEmpty() && Instant.now().isBefore(deadline)) {
        Thread.sleep(50);
      }
      assertThat(connector.metadata()).isPresent();
      assertThat(connector.nodeCountry()).isEqualTo(CountryCode.BG);
    } finally {
      connectors.stop();
      server.stop(0);
    }
  }
}
