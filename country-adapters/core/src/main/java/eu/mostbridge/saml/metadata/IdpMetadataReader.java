package eu.mostbridge.saml.metadata;

import eu.mostbridge.saml.AlgorithmPolicy;
import eu.mostbridge.saml.IdentityProviderPeer;
import eu.mostbridge.saml.SamlXmlParser;
import java.net.URI;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opensaml.saml.common.xml.SAMLConstants;
import org.opensaml.saml.saml2.metadata.EntityDescriptor;
import org.opensaml.saml.saml2.metadata.IDPSSODescriptor;
import org.opensaml.saml.saml2.metadata.KeyDescriptor;
import org.opensaml.saml.saml2.metadata.SingleSignOnService;
import org.opensaml.security.credential.UsageType;
import org.opensaml.xmlsec.keyinfo.KeyInfoSupport;

/**
 * Reads an identity provider's SAML metadata into the peer Most trusts: checks that it is one
 * EntityDescriptor for the expected entity ID, within its {@code validUntil}, and signed by the
 * configured metadata key (unless unsigned metadata is explicitly allowed for this peer); then
 * takes the SSO location for the wanted binding and the signing certificates.
 */
public final class IdpMetadataReader {
  private final SamlXmlParser parser = new SamlXmlParser(1024 * 1024, 32, 20_000);

  /**
   * Reads {@code xml}.
   *
   * @param expectedEntityId the entity ID configured for this IdP
   * @param metadataSigner the key metadata must be signed with; empty only when the peer is
   *     configured to accept unsigned metadata (a logged relaxation)
   * @param binding the SSO binding wanted ({@code SAMLConstants.SAML2_POST_BINDING_URI} or
   *     Redirect)
   * @param template supplies the policy values metadata does not carry (algorithms, skew...)
   */
  public IdentityProviderPeer read(
      byte[] xml,
      String expectedEntityId,
      Optional<X509Certificate> metadataSigner,
      String binding,
      IdentityProviderPeer template,
      Instant now)
      throws MetadataException {
    EntityDescriptor entity =
        TrustedEntity.read(
            parser,
            xml,
            expectedEntityId,
            metadataSigner,
            AlgorithmPolicy.eidasStrict()
                .relaxedBy(java.util.EnumSet.of(AlgorithmPolicy.Relaxation.RSA_PKCS1_SIGNATURE)),
            now);
    IDPSSODescriptor idp = entity.getIDPSSODescriptor(SAMLConstants.SAML20P_NS);
    if (idp == null) {
      throw new MetadataException("The metadata has no SAML 2.0 IdP role");
    }
    URI sso =
        idp.getSingleSignOnServices().stream()
            .filter(s -> binding.equals(s.getBinding()))
            .map(SingleSignOnService::getLocation)
            .map(URI::create)
            .findFirst()
            .orElseThrow(
                () -> new MetadataException("The IdP offers no SSO service for " + binding));
    List<X509Certificate> certificates = new ArrayList<>();
    for (KeyDescriptor key : idp.getKeyDescriptors()) {
      if (key.getUse() == UsageType.ENCRYPTION || key.getKeyInfo() == null) {
        continue;
      }
      try {
        certificates.addAll(KeyInfoSupport.getCertificates(key.getKeyInfo()));
      } catch (CertificateException e) {
        throw new MetadataException("A signing certificate in the metadata cannot be read");
      }
    }
    if (certificates.isEmpty()) {
      throw new MetadataException("The metadata names no signing certificate");
    }
    return new IdentityProviderPeer(
        entity.getEntityID(),
        sso,
        certificates,
        template.algorithms(),
        template.requireEncryptedAssertions(),
        template.requireSignedAssertions(),
        template.clockSkew(),
        template.maxResponseAge(),
        template.cancelMessages());
  }
}
