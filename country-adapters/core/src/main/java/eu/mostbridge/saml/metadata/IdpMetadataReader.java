package eu.mostbridge.saml.metadata;

import eu.mostbridge.saml.AlgorithmPolicy;
import eu.mostbridge.saml.IdentityProviderPeer;
import eu.mostbridge.saml.MalformedSamlException;
import eu.mostbridge.saml.SamlXmlParser;
import java.net.URI;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opensaml.core.xml.XMLObject;
import org.opensaml.saml.common.xml.SAMLConstants;
import org.opensaml.saml.saml2.metadata.EntityDescriptor;
import org.opensaml.saml.saml2.metadata.IDPSSODescriptor;
import org.opensaml.saml.saml2.metadata.KeyDescriptor;
import org.opensaml.saml.saml2.metadata.SingleSignOnService;
import org.opensaml.saml.security.impl.SAMLSignatureProfileValidator;
import org.opensaml.security.credential.UsageType;
import org.opensaml.security.x509.BasicX509Credential;
import org.opensaml.xmlsec.keyinfo.KeyInfoSupport;
import org.opensaml.xmlsec.signature.support.SignatureException;
import org.opensaml.xmlsec.signature.support.SignatureValidator;

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
    EntityDescriptor entity;
    try {
      XMLObject object = SamlXmlParser.unmarshal(parser.parse(xml).getDocumentElement());
      if (!(object instanceof EntityDescriptor descriptor)) {
        throw new MetadataException("The metadata is not a single EntityDescriptor");
      }
      entity = descriptor;
    } catch (MalformedSamlException e) {
      throw new MetadataException("The metadata is not acceptable XML: " + e.getMessage());
    }
    if (!expectedEntityId.equals(entity.getEntityID())) {
      throw new MetadataException("The metadata describes another entity than " + expectedEntityId);
    }
    if (entity.getValidUntil() != null && !now.isBefore(entity.getValidUntil())) {
      throw new MetadataException("The metadata expired at " + entity.getValidUntil());
    }
    if (metadataSigner.isPresent()) {
      if (!entity.isSigned()) {
        throw new MetadataException("The metadata is not signed");
      }
      try {
        new SAMLSignatureProfileValidator().validate(entity.getSignature());
        if (!AlgorithmPolicy.eidasStrict()
            .relaxedBy(java.util.EnumSet.of(AlgorithmPolicy.Relaxation.RSA_PKCS1_SIGNATURE))
            .allowsSignature(entity.getSignature().getSignatureAlgorithm())) {
          throw new MetadataException("The metadata is signed with a refused algorithm");
        }
        SignatureValidator.validate(
            entity.getSignature(), new BasicX509Credential(metadataSigner.get()));
      } catch (SignatureException e) {
        throw new MetadataException(
            "The metadata signature does not verify with the configured key");
      }
    }
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

  /** Metadata that cannot be trusted or used; the message says why. */
  public static final class MetadataException extends Exception {
    private static final long serialVersionUID = 1L;

    public MetadataException(String message) {
      super(message);
    }
  }
}
