package eu.mostbridge.saml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.LevelOfAssurance;
import eu.mostbridge.saml.eidas.EidasLevel;
import eu.mostbridge.saml.eidas.ProxyServiceIdentity;
import eu.mostbridge.saml.eidas.ProxyServiceMetadataReader;
import eu.mostbridge.saml.eidas.ProxyServicePeer;
import eu.mostbridge.saml.metadata.MetadataException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opensaml.saml.saml2.metadata.EntitiesDescriptor;
import org.opensaml.saml.saml2.metadata.EntityDescriptor;
import org.opensaml.security.x509.BasicX509Credential;

/**
 * A ProxyService's metadata as Most's connector trusts it: signed by the configured anchor, itself
 * or inside a signed aggregate, of the configured country. Written here by Most's own gateway
 * writer; the simulators and the Node ProxyService write it independently elsewhere.
 */
class ProxyServiceMetadataReaderTest {
  private final Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  private static final String ENTITY = "https://eidas.gr.test/metadata";
  private static final CountryCode GREECE = CountryCode.of("EL");
  private static final BasicX509Credential SERVICE = TestKeys.IDP_EC;
  private static final BasicX509Credential AGGREGATOR = TestKeys.ec("CN=Metadata list signer");

  private final ProxyServiceMetadataReader reader = new ProxyServiceMetadataReader();

  private EntityDescriptor entity(CountryCode country) {
    return eu.mostbridge.saml.eidas.ProxyServiceMetadataWriter.write(
        new ProxyServiceIdentity(
            country,
            ENTITY,
            URI.create("https://eidas.gr.test/sso"),
            SERVICE,
            List.of(),
            TestKeys.SP_ENCRYPTION.getEntityCertificate(),
            AlgorithmPolicy.ECDSA_SHA256,
            List.of(new EidasLevel(LevelOfAssurance.HIGH, true)),
            new ProxyServiceIdentity.Publisher(
                "Greece", "Greece", URI.create("https://gr.test"), List.of())),
        now,
        Duration.ofDays(1));
  }

  private byte[] aggregate(EntityDescriptor entity, boolean signed) {
    EntitiesDescriptor aggregate =
        SamlMessages.build(EntitiesDescriptor.DEFAULT_ELEMENT_NAME, EntitiesDescriptor.class);
    aggregate.setID(SamlMessages.newId());
    aggregate.setValidUntil(now.plus(Duration.ofHours(6)));
    aggregate.getEntityDescriptors().add(entity);
    if (signed) {
      SamlMessages.sign(
          aggregate, AGGREGATOR, AlgorithmPolicy.ECDSA_SHA256, AlgorithmPolicy.SHA256);
    }
    return SamlMessages.toBytes(aggregate);
  }

  private ProxyServicePeer read(byte[] xml, BasicX509Credential anchor) throws MetadataException {
    return reader.read(
        xml, ENTITY, GREECE, anchor.getEntityCertificate(), AlgorithmPolicy.eidasStrict(), now);
  }

  @Test
  void aProxyServiceSignedByItsAnchorIsTrusted() throws Exception {
    ProxyServicePeer peer = read(SamlMessages.toBytes(entity(GREECE)), SERVICE);

    assertThat(peer.nodeCountry()).isEqualTo(GREECE);
    assertThat(peer.levels()).containsExactly(new EidasLevel(LevelOfAssurance.HIGH, true));
    assertThat(peer.requesterIdFlag()).isTrue();
    assertThat(peer.allowsMgf1pKeyTransport()).as("it declares 1.4").isFalse();
  }

  @Test
  void aProxyServiceInsideAnAggregateSignedByTheAnchorIsTrustedUntilTheAggregateEnds()
      throws Exception {
    ProxyServicePeer peer = read(aggregate(entity(GREECE), true), AGGREGATOR);

    assertThat(peer.entityId()).isEqualTo(ENTITY);
    assertThat(peer.validUntil()).contains(now.plus(Duration.ofHours(6)));
  }

  @Test
  void anUnsignedAggregateAnotherAnchorOrATamperedOneIsRefused() throws Exception {
    assertThatThrownBy(() -> read(aggregate(entity(GREECE), false), AGGREGATOR))
        .hasMessageContaining("not signed");
    assertThatThrownBy(() -> read(aggregate(entity(GREECE), true), SERVICE))
        .isInstanceOf(MetadataException.class);
    String tampered =
        new String(aggregate(entity(GREECE), true), StandardCharsets.UTF_8)
            .replace("https://eidas.gr.test/sso", "https://attacker.test/sso");
    assertThatThrownBy(() -> read(tampered.getBytes(StandardCharsets.UTF_8), AGGREGATOR))
        .isInstanceOf(MetadataException.class);
  }

  @Test
  void aProxyServiceOfAnotherCountryIsRefused() {
    assertThatThrownBy(() -> read(SamlMessages.toBytes(entity(CountryCode.of("HR"))), SERVICE))
        .hasMessageContaining("NodeCountry is HR, not the country EL");
  }
}
