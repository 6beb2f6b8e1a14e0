package eu.mostbridge.simulator.eidas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.LevelOfAssurance;
import eu.mostbridge.saml.AlgorithmPolicy;
import eu.mostbridge.saml.SamlMessages;
import eu.mostbridge.saml.eidas.ConnectorMetadataReader;
import eu.mostbridge.saml.eidas.ConnectorPeer;
import eu.mostbridge.saml.eidas.EidasLevel;
import eu.mostbridge.saml.eidas.ProxyServiceIdentity;
import eu.mostbridge.saml.eidas.ProxyServiceMetadataWriter;
import eu.mostbridge.saml.metadata.MetadataException;
import eu.mostbridge.simulator.SimulatorKeys;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.xml.transform.stream.StreamSource;
import net.shibboleth.utilities.java.support.xml.ClasspathResolver;
import net.shibboleth.utilities.java.support.xml.SchemaBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opensaml.saml.common.xml.SAMLSchemaBuilder;
import org.opensaml.security.x509.BasicX509Credential;

/**
 * Most's eIDAS metadata against a reader that shares none of its code (the connector simulator's,
 * on the JDK's XML Signature API) and against the SAML and eIDAS schemas; and a connector's
 * metadata, as the simulator writes it, through Most's reader with each of its refusals.
 */
class EidasMetadataTest {
  private static final SimulatorKeys MOST_SIGNING = SimulatorKeys.ec("Most eIDAS MK signing");
  private static final SimulatorKeys MOST_NEXT = SimulatorKeys.ec("Most eIDAS MK next signing");
  private static final SimulatorKeys MOST_ENCRYPTION = SimulatorKeys.ec("Most eIDAS MK encryption");
  private static final SimulatorKeys CONNECTOR = SimulatorKeys.ec("BG connector signing");
  private static final SimulatorKeys CONNECTOR_ENCRYPTION = SimulatorKeys.ec("BG connector enc");
  private static final String METADATA = "https://most.example/eidas/mk/metadata";
  private static final String CONNECTOR_ID = "https://eidas.example.bg/EidasNode/ConnectorMetadata";

  static ProxyServiceIdentity mostForMacedonia() {
    return new ProxyServiceIdentity(
        CountryCode.MK,
        METADATA,
        URI.create("https://most.example/eidas/mk/sso"),
        new BasicX509Credential(MOST_SIGNING.certificate(), MOST_SIGNING.privateKey()),
        List.of(MOST_NEXT.certificate()),
        MOST_ENCRYPTION.certificate(),
        AlgorithmPolicy.ECDSA_SHA256,
        List.of(
            new EidasLevel(LevelOfAssurance.SUBSTANTIAL, false),
            new EidasLevel(LevelOfAssurance.HIGH, false)),
        new ProxyServiceIdentity.Publisher(
            "Most test operator",
            "Most",
            URI.create("https://most.example/"),
            List.of(
                new ProxyServiceIdentity.Contact(
                    ProxyServiceIdentity.Contact.Type.SUPPORT,
                    Optional.empty(),
                    "help@most.example"),
                new ProxyServiceIdentity.Contact(
                    ProxyServiceIdentity.Contact.Type.TECHNICAL,
                    Optional.of("Most"),
                    "ops@most.example"))));
  }

  private static byte[] mostMetadata() {
    return SamlMessages.toBytes(
        ProxyServiceMetadataWriter.write(mostForMacedonia(), Instant.now(), Duration.ofDays(1)));
  }

  @Test
  void aConnectorReadsMostsMetadataWithItsOwnCode() {
    ProxyServiceMetadata read =
        ProxyServiceMetadata.read(
            mostMetadata(), MOST_SIGNING.certificate().getPublicKey(), Instant.now());

    assertThat(read.entityId()).isEqualTo(METADATA);
    assertThat(read.nodeCountry()).isEqualTo("MK");
    assertThat(read.singleSignOnPost()).isEqualTo("https://most.example/eidas/mk/sso");
    assertThat(read.singleSignOnRedirect()).isEqualTo("https://most.example/eidas/mk/sso");
    assertThat(read.signingCertificates())
        .containsExactly(MOST_SIGNING.certificate(), MOST_NEXT.certificate());
    assertThat(read.encryptionCertificates()).containsExactly(MOST_ENCRYPTION.certificate());
    assertThat(read.levels())
        .containsExactly(
            "http://eidas.europa.eu/NotNotified/LoA/substantial",
            "http://eidas.europa.eu/NotNotified/LoA/high");
    assertThat(read.validUntil()).isAfter(Instant.now().plus(Duration.ofHours(23)));
  }

  @Test
  void mostsMetadataCarriesEveryElementOfTheProfile() {
    String xml = new String(mostMetadata(), StandardCharsets.UTF_8);

    assertThat(xml)
        .contains("WantAuthnRequestsSigned=\"true\"")
        .contains("http://eidas.europa.eu/entity-attributes/protocol-version")
        .contains(">1.4<")
        .contains("http://eidas.europa.eu/entity-attributes/application-identifier")
        .contains("http://eidas.europa.eu/entity-attributes/termsofaccess/requesterid")
        .contains("urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect")
        .contains("urn:oasis:names:tc:SAML:2.0:nameid-format:persistent")
        .contains("urn:oasis:names:tc:SAML:2.0:nameid-format:transient")
        .contains("urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified")
        .contains(
            "Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256\" MinKeySize=\"256\"")
        .contains("alg:DigestMethod")
        .contains("http://eidas.europa.eu/attributes/naturalperson/PersonIdentifier")
        .contains("http://eidas.europa.eu/attributes/naturalperson/Nationality")
        .doesNotContain("CurrentAddress")
        .contains("http://www.w3.org/2009/xmlenc11#ECDH-ES")
        .contains("contactType=\"support\"")
        .contains("contactType=\"technical\"")
        .contains("OrganizationDisplayName")
        .doesNotContain("SingleLogoutService")
        .doesNotContain("http://eidas.europa.eu/LoA/");
  }

  @Test
  void mostsMetadataIsValidAgainstTheSamlAndEidasSchemas() throws Exception {
    SchemaBuilder schemas = new SchemaBuilder();
    schemas.setResourceResolver(new ClasspathResolver());
    for (String xsd :
        List.of(
            "saml_eidas_extension.xsd",
            "saml_eidas_natural_person.xsd",
            "saml_eidas_legal_person.xsd")) {
      schemas.addSchema(getClass().getResourceAsStream("/xsd/eidas/" + xsd));
    }
    SAMLSchemaBuilder saml = new SAMLSchemaBuilder(SAMLSchemaBuilder.SAML1Version.SAML_11);
    saml.setSchemaBuilder(schemas);

    saml.getSAMLSchema()
        .newValidator()
        .validate(new StreamSource(new ByteArrayInputStream(mostMetadata())));
  }

  @Test
  void aTamperedOrForeignSignedMetadataIsRefusedByTheConnector() {
    byte[] tampered =
        new String(mostMetadata(), StandardCharsets.UTF_8)
            .replace(">MK<", ">BG<")
            .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(
            () ->
                ProxyServiceMetadata.read(
                    tampered, MOST_SIGNING.certificate().getPublicKey(), Instant.now()))
        .hasMessageContaining("signature");
    assertThatThrownBy(
            () ->
                ProxyServiceMetadata.read(
                    mostMetadata(), MOST_NEXT.certificate().getPublicKey(), Instant.now()))
        .hasMessageContaining("signature");
  }

  @Test
  void theIdentityRefusesWhatTheProfileForbids() {
    ProxyServiceIdentity good = mostForMacedonia();
    SimulatorKeys rsa2048 = SimulatorKeys.rsa("short", 2048);

    assertThatThrownBy(
            () ->
                new ProxyServiceIdentity(
                    good.nodeCountry(),
                    good.entityId(),
                    good.singleSignOnService(),
                    good.signing(),
                    List.of(),
                    MOST_SIGNING.certificate(),
                    good.signatureAlgorithm(),
                    good.levels(),
                    good.publisher()))
        .hasMessageContaining("the same");
    assertThatThrownBy(
            () ->
                new ProxyServiceIdentity(
                    good.nodeCountry(),
                    good.entityId(),
                    good.singleSignOnService(),
                    new BasicX509Credential(rsa2048.certificate(), rsa2048.privateKey()),
                    List.of(),
                    good.encryption(),
                    AlgorithmPolicy.RSA_PSS_SHA256,
                    good.levels(),
                    good.publisher()))
        .hasMessageContaining("too short");
    assertThatThrownBy(
            () ->
                new ProxyServiceIdentity(
                    good.nodeCountry(),
                    good.entityId(),
                    good.singleSignOnService(),
                    good.signing(),
                    List.of(),
                    good.encryption(),
                    AlgorithmPolicy.RSA_PSS_SHA256,
                    good.levels(),
                    good.publisher()))
        .hasMessageContaining("needs an RSA key");
    assertThatThrownBy(
            () ->
                new ProxyServiceIdentity(
                    good.nodeCountry(),
                    good.entityId(),
                    good.singleSignOnService(),
                    good.signing(),
                    List.of(),
                    good.encryption(),
                    AlgorithmPolicy.RSA_SHA256,
                    good.levels(),
                    good.publisher()))
        .hasMessageContaining("not an ECDSA or RSASSA-PSS");
    assertThatThrownBy(
            () ->
                new ProxyServiceIdentity(
                    good.nodeCountry(),
                    good.entityId(),
                    good.singleSignOnService(),
                    good.signing(),
                    List.of(),
                    good.encryption(),
                    good.signatureAlgorithm(),
                    List.of(
                        new EidasLevel(LevelOfAssurance.HIGH, true),
                        new EidasLevel(LevelOfAssurance.SUBSTANTIAL, false)),
                    good.publisher()))
        .hasMessageContaining("never mix");
  }

  private static ConnectorMetadata connector() {
    return ConnectorMetadata.typical(
        CONNECTOR_ID,
        "BG",
        "https://eidas.example.bg/EidasNode/ColleagueResponse",
        CONNECTOR,
        CONNECTOR_ENCRYPTION.certificate());
  }

  private static ConnectorPeer readConnector(byte[] xml) throws MetadataException {
    return new ConnectorMetadataReader()
        .read(
            xml,
            CONNECTOR_ID,
            Optional.of(CONNECTOR.certificate()),
            AlgorithmPolicy.eidasStrict(),
            true,
            Instant.now());
  }

  @Test
  void mostReadsAConnectorsMetadata() throws MetadataException {
    ConnectorPeer peer = readConnector(connector().toBytes());

    assertThat(peer.entityId()).isEqualTo(CONNECTOR_ID);
    assertThat(peer.nodeCountry()).contains(CountryCode.BG);
    assertThat(peer.spType()).contains(ConnectorPeer.SpType.PUBLIC);
    assertThat(peer.signingCertificates()).containsExactly(CONNECTOR.certificate());
    assertThat(peer.encryptionKeys()).hasSize(1);
    assertThat(peer.encryptionKeys().get(0).certificate())
        .isEqualTo(CONNECTOR_ENCRYPTION.certificate());
    assertThat(peer.encryptionKeys().get(0).algorithms())
        .containsExactly(
            "http://www.w3.org/2009/xmlenc11#aes256-gcm",
            "http://www.w3.org/2009/xmlenc11#ECDH-ES");
    assertThat(peer.defaultAssertionConsumerService().location())
        .isEqualTo(URI.create("https://eidas.example.bg/EidasNode/ColleagueResponse"));
    assertThat(peer.protocolVersions()).containsExactly("1.4");
    assertThat(peer.validUntil()).isPresent();
  }

  @Test
  void aConnectorsMetadataWithoutSpTypeOrCountryIsReadAsSuch() throws MetadataException {
    ConnectorPeer peer =
        readConnector(
            connector().withSpType(Optional.empty()).withNodeCountry(Optional.empty()).toBytes());

    assertThat(peer.spType()).isEmpty();
    assertThat(peer.nodeCountry()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "unsigned",
        "signed by another key",
        "expired",
        "no validUntil",
        "another entity",
        "a bad NodeCountry",
        "a bad SPType",
        "a weak signing key",
        "no POST ACS",
        "a DOCTYPE"
      })
  void mostRefusesAConnectorsMetadataWith(String fault) {
    UnaryOperator<String> edit = UnaryOperator.identity();
    ConnectorMetadata metadata = connector();
    switch (fault) {
      case "unsigned" -> metadata = metadata.unsigned();
      case "signed by another key" ->
          metadata =
              ConnectorMetadata.typical(
                  CONNECTOR_ID,
                  "BG",
                  "https://eidas.example.bg/EidasNode/ColleagueResponse",
                  CONNECTOR_ENCRYPTION,
                  CONNECTOR_ENCRYPTION.certificate());
      case "expired" ->
          metadata = metadata.withValidUntil(Optional.of(Instant.now().minusSeconds(1)));
      case "no validUntil" -> metadata = metadata.withValidUntil(Optional.empty());
      case "another entity" -> edit = xml -> xml.replace(CONNECTOR_ID, CONNECTOR_ID + "x");
      case "a bad NodeCountry" -> metadata = metadata.withNodeCountry(Optional.of("Bulgaria"));
      case "a bad SPType" -> metadata = metadata.withSpType(Optional.of("Public"));
      case "a weak signing key" -> {
        SimulatorKeys weak = SimulatorKeys.rsa("weak", 2048);
        metadata =
            ConnectorMetadata.typical(
                CONNECTOR_ID,
                "BG",
                "https://eidas.example.bg/EidasNode/ColleagueResponse",
                weak,
                CONNECTOR_ENCRYPTION.certificate());
        byte[] bytes = metadata.toBytes();
        assertThatThrownBy(
                () ->
                    new ConnectorMetadataReader()
                        .read(
                            bytes,
                            CONNECTOR_ID,
                            Optional.of(weak.certificate()),
                            AlgorithmPolicy.eidasStrict(),
                            true,
                            Instant.now()))
            .isInstanceOf(MetadataException.class)
            .hasMessage(
                "A signing key in the metadata is too weak (RSA needs 3072 bits or more, EC 256 or"
                    + " more)");
        return;
      }
      case "no POST ACS" ->
          edit = xml -> xml.replace("bindings:HTTP-POST\"", "bindings:HTTP-Artifact\"");
      case "a DOCTYPE" -> edit = xml -> "<!DOCTYPE x [<!ENTITY e \"e\">]>" + xml;
      default -> throw new IllegalArgumentException(fault);
    }
    byte[] xml =
        edit.apply(new String(metadata.toBytes(), StandardCharsets.UTF_8))
            .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> readConnector(xml)).isInstanceOf(MetadataException.class);
  }
}
