package eu.mostbridge.saml.metadata;

import eu.mostbridge.saml.AlgorithmPolicy;
import eu.mostbridge.saml.SamlMessages;
import eu.mostbridge.saml.ServiceProviderIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.opensaml.saml.common.xml.SAMLConstants;
import org.opensaml.saml.saml2.metadata.AssertionConsumerService;
import org.opensaml.saml.saml2.metadata.EntityDescriptor;
import org.opensaml.saml.saml2.metadata.NameIDFormat;
import org.opensaml.saml.saml2.metadata.SPSSODescriptor;
import org.opensaml.security.credential.UsageType;

/**
 * Writes Most's SP metadata for one identity provider: the signing and encryption certificates (the
 * encryption key with the content and key-transport algorithms it accepts), the ACS with the
 * HTTP-POST binding, the NameID formats, {@code AuthnRequestsSigned} and {@code
 * WantAssertionsSigned}, a {@code validUntil}; signed with the SP's own key.
 */
public final class SpMetadataWriter {
  /** The NameID formats Most handles, as every metadata it writes lists them. */
  public static final List<String> NAME_ID_FORMATS =
      List.of(
          "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
          "urn:oasis:names:tc:SAML:2.0:nameid-format:transient",
          "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified");

  private SpMetadataWriter() {}

  /** The signed EntityDescriptor, valid from {@code now} for {@code validity}. */
  public static EntityDescriptor write(
      ServiceProviderIdentity sp,
      AlgorithmPolicy policy,
      Instant now,
      Duration validity,
      String signatureAlgorithm) {
    EntityDescriptor entity =
        SamlMessages.build(EntityDescriptor.DEFAULT_ELEMENT_NAME, EntityDescriptor.class);
    entity.setEntityID(sp.entityId());
    entity.setID(SamlMessages.newId());
    entity.setValidUntil(now.plus(validity));
    SPSSODescriptor descriptor =
        SamlMessages.build(SPSSODescriptor.DEFAULT_ELEMENT_NAME, SPSSODescriptor.class);
    descriptor.addSupportedProtocol(SAMLConstants.SAML20P_NS);
    descriptor.setAuthnRequestsSigned(true);
    descriptor.setWantAssertionsSigned(true);
    descriptor
        .getKeyDescriptors()
        .add(KeyDescriptors.of(sp.signing().getEntityCertificate(), UsageType.SIGNING, List.of()));
    List<String> encryption = new java.util.ArrayList<>();
    for (String uri :
        List.of(
            AlgorithmPolicy.AES256_GCM,
            AlgorithmPolicy.AES128_GCM,
            AlgorithmPolicy.AES128_CBC,
            AlgorithmPolicy.RSA_OAEP,
            AlgorithmPolicy.RSA_OAEP_MGF1P)) {
      if (policy.allowsDataEncryption(uri) || policy.allowsKeyTransport(uri)) {
        encryption.add(uri);
      }
    }
    sp.decryption()
        .forEach(
            c ->
                descriptor
                    .getKeyDescriptors()
                    .add(
                        KeyDescriptors.of(
                            c.getEntityCertificate(), UsageType.ENCRYPTION, encryption)));
    for (String format : NAME_ID_FORMATS) {
      NameIDFormat nameIdFormat =
          SamlMessages.build(NameIDFormat.DEFAULT_ELEMENT_NAME, NameIDFormat.class);
      nameIdFormat.setURI(format);
      descriptor.getNameIDFormats().add(nameIdFormat);
    }
    AssertionConsumerService acs =
        SamlMessages.build(
            AssertionConsumerService.DEFAULT_ELEMENT_NAME, AssertionConsumerService.class);
    acs.setBinding(SAMLConstants.SAML2_POST_BINDING_URI);
    acs.setLocation(sp.assertionConsumerService().toString());
    acs.setIndex(0);
    acs.setIsDefault(true);
    descriptor.getAssertionConsumerServices().add(acs);
    entity.getRoleDescriptors().add(descriptor);
    SamlMessages.sign(entity, sp.signing(), signatureAlgorithm, AlgorithmPolicy.SHA256);
    return entity;
  }
}
