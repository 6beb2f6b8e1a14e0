package eu.mostbridge.saml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.mostbridge.saml.metadata.IdpMetadataReader;
import eu.mostbridge.saml.metadata.MetadataException;
import eu.mostbridge.saml.metadata.RefreshingMetadata;
import eu.mostbridge.saml.metadata.SpMetadataWriter;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opensaml.saml.common.xml.SAMLConstants;
import org.opensaml.saml.saml2.metadata.EntityDescriptor;
import org.opensaml.saml.saml2.metadata.IDPSSODescriptor;
import org.opensaml.saml.saml2.metadata.KeyDescriptor;
import org.opensaml.saml.saml2.metadata.SPSSODescriptor;
import org.opensaml.saml.saml2.metadata.SingleSignOnService;
import org.opensaml.security.credential.UsageType;
import org.opensaml.security.x509.BasicX509Credential;
import org.opensaml.xmlsec.signature.KeyInfo;
import org.opensaml.xmlsec.signature.X509Data;
import org.opensaml.xmlsec.signature.support.SignatureValidator;

class MetadataTest {
  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  private static final String IDP = "https://idp.test/metadata";

  private final ServiceProviderIdentity sp =
      new ServiceProviderIdentity(
          "https://most.test/saml/sp",
          URI.create("https://most.test/saml/acs/bg-eauth"),
          TestKeys.SP_SIGNING,
          List.of(TestKeys.SP_ENCRYPTION));
  private final IdentityProviderPeer template =
      IdentityProviderPeer.strict(
          IDP,
          URI.create("https://unused.test"),
          List.of(TestKeys.ATTACKER.getEntityCertificate()));

  @Test
  void spMetadataIsSignedAndDescribesTheServiceProvider() throws Exception {
    EntityDescriptor written =
        SpMetadataWriter.write(
            sp,
            AlgorithmPolicy.eidasStrict(),
            NOW,
            Duration.ofDays(7),
            AlgorithmPolicy.RSA_PSS_SHA256);
    byte[] xml = SamlMessages.toBytes(written);

    EntityDescriptor read =
        (EntityDescriptor)
            SamlXmlParser.unmarshal(new SamlXmlParser().parse(xml).getDocumentElement());
    SignatureValidator.validate(
        read.getSignature(), new BasicX509Credential(TestKeys.SP_SIGNING.getEntityCertificate()));
    SPSSODescriptor descriptor = read.getSPSSODescriptor(SAMLConstants.SAML20P_NS);
    assertThat(read.getEntityID()).isEqualTo("https://most.test/saml/sp");
    assertThat(read.getValidUntil()).isEqualTo(NOW.plus(Duration.ofDays(7)));
    assertThat(descriptor.isAuthnRequestsSigned()).isTrue();
    assertThat(descriptor.getWantAssertionsSigned()).isTrue();
    assertThat(descriptor.getAssertionConsumerServices().get(0).getLocation())
        .isEqualTo("https://most.test/saml/acs/bg-eauth");
    assertThat(descriptor.getKeyDescriptors())
        .extracting(KeyDescriptor::getUse)
        .containsExactly(UsageType.SIGNING, UsageType.ENCRYPTION);
    assertThat(descriptor.getKeyDescriptors().get(1).getEncryptionMethods())
        .extracting(m -> m.getAlgorithm())
        .containsExactly(
            AlgorithmPolicy.AES256_GCM, AlgorithmPolicy.AES128_GCM, AlgorithmPolicy.RSA_OAEP);
    assertThat(descriptor.getNameIDFormats()).hasSize(3);
  }

  @Test
  void spMetadataAdvertisesRelaxedEncryptionOnlyWhenGranted() {
    EntityDescriptor written =
        SpMetadataWriter.write(
            sp,
            AlgorithmPolicy.eidasStrict()
                .relaxedBy(java.util.Set.of(AlgorithmPolicy.Relaxation.AES_CBC_ENCRYPTION)),
            NOW,
            Duration.ofDays(7),
            AlgorithmPolicy.RSA_PSS_SHA256);

    assertThat(
            written
                .getSPSSODescriptor(SAMLConstants.SAML20P_NS)
                .getKeyDescriptors()
                .get(1)
                .getEncryptionMethods())
        .extracting(m -> m.getAlgorithm())
        .contains(AlgorithmPolicy.AES128_CBC);
  }

  private static byte[] idpMetadata(
      BasicX509Credential signer, Instant validUntil, BasicX509Credential idpKey, String entityId) {
    EntityDescriptor entity =
        SamlMessages.build(EntityDescriptor.DEFAULT_ELEMENT_NAME, EntityDescriptor.class);
    entity.setEntityID(entityId);
    entity.setID(SamlMessages.newId());
    entity.setValidUntil(validUntil);
    IDPSSODescriptor idp =
        SamlMessages.build(IDPSSODescriptor.DEFAULT_ELEMENT_NAME, IDPSSODescriptor.class);
    idp.addSupportedProtocol(SAMLConstants.SAML20P_NS);
    KeyDescriptor key = SamlMessages.build(KeyDescriptor.DEFAULT_ELEMENT_NAME, KeyDescriptor.class);
    key.setUse(UsageType.SIGNING);
    KeyInfo keyInfo = SamlMessages.build(KeyInfo.DEFAULT_ELEMENT_NAME, KeyInfo.class);
    X509Data data = SamlMessages.build(X509Data.DEFAULT_ELEMENT_NAME, X509Data.class);
    org.opensaml.xmlsec.signature.X509Certificate cert =
        SamlMessages.build(
            org.opensaml.xmlsec.signature.X509Certificate.DEFAULT_ELEMENT_NAME,
            org.opensaml.xmlsec.signature.X509Certificate.class);
    try {
      cert.setValue(
          java.util.Base64.getEncoder().encodeToString(idpKey.getEntityCertificate().getEncoded()));
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
    data.getX509Certificates().add(cert);
    keyInfo.getX509Datas().add(data);
    key.setKeyInfo(keyInfo);
    idp.getKeyDescriptors().add(key);
    SingleSignOnService sso =
        SamlMessages.build(SingleSignOnService.DEFAULT_ELEMENT_NAME, SingleSignOnService.class);
    sso.setBinding(SAMLConstants.SAML2_POST_BINDING_URI);
    sso.setLocation("https://idp.test/sso");
    idp.getSingleSignOnServices().add(sso);
    entity.getRoleDescriptors().add(idp);
    if (signer != null) {
      SamlMessages.sign(entity, signer, AlgorithmPolicy.RSA_PSS_SHA256, AlgorithmPolicy.SHA256);
    }
    return SamlMessages.toBytes(entity);
  }

  private IdentityProviderPeer read(byte[] xml, Optional<X509Certificate> signer)
      throws MetadataException {
    return new IdpMetadataReader()
        .read(xml, IDP, signer, SAMLConstants.SAML2_POST_BINDING_URI, template, NOW);
  }

  @Test
  void idpMetadataSignedByTheConfiguredKeyGivesTheTrustedPeer() throws MetadataException {
    IdentityProviderPeer peer =
        read(
            idpMetadata(TestKeys.OTHER_IDP, NOW.plusSeconds(3600), TestKeys.IDP_RSA, IDP),
            Optional.of(TestKeys.OTHER_IDP.getEntityCertificate()));

    assertThat(peer.entityId()).isEqualTo(IDP);
    assertThat(peer.singleSignOnService()).isEqualTo(URI.create("https://idp.test/sso"));
    assertThat(peer.signingCertificates()).containsExactly(TestKeys.IDP_RSA.getEntityCertificate());
    assertThat(peer.algorithms()).isEqualTo(template.algorithms());
  }

  @Test
  void idpMetadataIsRefusedUnsignedByAnotherKeyExpiredOrForAnotherEntity() {
    Optional<X509Certificate> signer = Optional.of(TestKeys.OTHER_IDP.getEntityCertificate());
    assertThatThrownBy(
            () -> read(idpMetadata(null, NOW.plusSeconds(60), TestKeys.IDP_RSA, IDP), signer))
        .hasMessageContaining("not signed");
    assertThatThrownBy(
            () ->
                read(
                    idpMetadata(TestKeys.ATTACKER, NOW.plusSeconds(60), TestKeys.IDP_RSA, IDP),
                    signer))
        .hasMessageContaining("does not verify");
    assertThatThrownBy(
            () ->
                read(
                    idpMetadata(TestKeys.OTHER_IDP, NOW.minusSeconds(1), TestKeys.IDP_RSA, IDP),
                    signer))
        .hasMessageContaining("expired");
    assertThatThrownBy(
            () ->
                read(
                    idpMetadata(
                        TestKeys.OTHER_IDP,
                        NOW.plusSeconds(60),
                        TestKeys.IDP_RSA,
                        "https://evil.test"),
                    signer))
        .hasMessageContaining("another entity");
    assertThatThrownBy(() -> read("<x/>".getBytes(java.nio.charset.StandardCharsets.UTF_8), signer))
        .isInstanceOf(MetadataException.class);
  }

  @Test
  void unsignedMetadataPassesOnlyWhenNoMetadataKeyIsConfigured() throws MetadataException {
    assertThat(
            read(idpMetadata(null, NOW.plusSeconds(60), TestKeys.IDP_RSA, IDP), Optional.empty())
                .entityId())
        .isEqualTo(IDP);
  }

  @Test
  void aFailedRefreshKeepsTheLastGoodPeerAndAGoodOneReplacesIt() throws Exception {
    Optional<X509Certificate> signer = Optional.of(TestKeys.OTHER_IDP.getEntityCertificate());
    Deque<byte[]> versions = new ArrayDeque<>();
    versions.add(idpMetadata(TestKeys.OTHER_IDP, NOW.plusSeconds(60), TestKeys.IDP_RSA, IDP));
    versions.add(
        idpMetadata(TestKeys.ATTACKER, NOW.plusSeconds(60), TestKeys.ATTACKER, IDP)); // forged
    versions.add(
        idpMetadata(TestKeys.OTHER_IDP, NOW.plusSeconds(60), TestKeys.IDP_EC, IDP)); // rollover
    RefreshingMetadata<IdentityProviderPeer> metadata =
        new RefreshingMetadata<>("test-idp", () -> read(versions.poll(), signer));

    assertThat(metadata.get().signingCertificates())
        .containsExactly(TestKeys.IDP_RSA.getEntityCertificate());
    assertThat(metadata.refresh()).isFalse();
    assertThat(metadata.get().signingCertificates())
        .containsExactly(TestKeys.IDP_RSA.getEntityCertificate());
    assertThat(metadata.refresh()).isTrue();
    assertThat(metadata.get().signingCertificates())
        .containsExactly(TestKeys.IDP_EC.getEntityCertificate());
  }
}
