package eu.mostbridge.saml.eidas;

import eu.mostbridge.saml.AlgorithmPolicy;
import eu.mostbridge.saml.SamlMessages;
import eu.mostbridge.saml.metadata.KeyDescriptors;
import eu.mostbridge.saml.metadata.SpMetadataWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.xml.namespace.QName;
import org.opensaml.core.xml.schema.XSAny;
import org.opensaml.saml.common.xml.SAMLConstants;
import org.opensaml.saml.ext.saml2mdattr.EntityAttributes;
import org.opensaml.saml.saml2.metadata.AssertionConsumerService;
import org.opensaml.saml.saml2.metadata.EntityDescriptor;
import org.opensaml.saml.saml2.metadata.Extensions;
import org.opensaml.saml.saml2.metadata.NameIDFormat;
import org.opensaml.saml.saml2.metadata.SPSSODescriptor;
import org.opensaml.security.credential.UsageType;
import org.opensaml.security.x509.BasicX509Credential;

/**
 * Writes the signed metadata of Most's eIDAS connector, as the eIDAS SAML Message Format v1.4
 * describes a connector's: entity attributes (protocol version 1.4, application identifier), the
 * algorithms accepted, {@code eidas:SPType} (so no request carries it), an SPSSODescriptor with
 * {@code AuthnRequestsSigned="true"} and {@code eidas:NodeCountry}, separate signing and encryption
 * certificates, the NameID formats and one assertion consumer service over HTTP-POST; then
 * Organization and ContactPersons.
 */
public final class ConnectorMetadataWriter {
  /** What a ProxyService learns Most is, in {@code application-identifier}. */
  public static final String APPLICATION_IDENTIFIER = "Most eIDAS connector";

  private ConnectorMetadataWriter() {}

  /** The signed EntityDescriptor, valid from {@code now} for {@code validity}. */
  public static EntityDescriptor write(ConnectorIdentity identity, Instant now, Duration validity) {
    EntityDescriptor entity =
        SamlMessages.build(EntityDescriptor.DEFAULT_ELEMENT_NAME, EntityDescriptor.class);
    entity.setEntityID(identity.entityId());
    entity.setID(SamlMessages.newId());
    entity.setValidUntil(now.plus(validity));

    Extensions extensions = SamlMessages.build(Extensions.DEFAULT_ELEMENT_NAME, Extensions.class);
    XSAny spType =
        SamlMessages.buildAny(
            new QName(EidasNames.EXTENSIONS_NS, "SPType", EidasNames.EXTENSIONS_PREFIX));
    spType.setTextContent(identity.spType().value());
    extensions.getUnknownXMLObjects().add(spType);
    EntityAttributes attributes =
        SamlMessages.build(EntityAttributes.DEFAULT_ELEMENT_NAME, EntityAttributes.class);
    attributes
        .getAttributes()
        .add(
            ProxyServiceMetadataWriter.entityAttribute(
                EidasNames.PROTOCOL_VERSION_ATTRIBUTE, List.of(EidasNames.PROTOCOL_VERSION)));
    attributes
        .getAttributes()
        .add(
            ProxyServiceMetadataWriter.entityAttribute(
                EidasNames.APPLICATION_IDENTIFIER_ATTRIBUTE, List.of(APPLICATION_IDENTIFIER)));
    extensions.getUnknownXMLObjects().add(attributes);
    ProxyServiceMetadataWriter.addAlgorithms(extensions);
    entity.setExtensions(extensions);

    SPSSODescriptor sp =
        SamlMessages.build(SPSSODescriptor.DEFAULT_ELEMENT_NAME, SPSSODescriptor.class);
    sp.addSupportedProtocol(SAMLConstants.SAML20P_NS);
    sp.setAuthnRequestsSigned(true);
    sp.setWantAssertionsSigned(false);
    Extensions roleExtensions =
        SamlMessages.build(Extensions.DEFAULT_ELEMENT_NAME, Extensions.class);
    roleExtensions
        .getUnknownXMLObjects()
        .add(ProxyServiceMetadataWriter.nodeCountry(identity.nodeCountry()));
    sp.setExtensions(roleExtensions);
    sp.getKeyDescriptors()
        .add(
            KeyDescriptors.of(
                identity.signing().getEntityCertificate(), UsageType.SIGNING, List.of()));
    for (BasicX509Credential encryption : identity.encryption()) {
      sp.getKeyDescriptors()
          .add(
              KeyDescriptors.of(
                  encryption.getEntityCertificate(),
                  UsageType.ENCRYPTION,
                  ProxyServiceMetadataWriter.encryptionMethods(encryption.getEntityCertificate())));
    }
    for (String format : SpMetadataWriter.NAME_ID_FORMATS) {
      NameIDFormat nameIdFormat =
          SamlMessages.build(NameIDFormat.DEFAULT_ELEMENT_NAME, NameIDFormat.class);
      nameIdFormat.setURI(format);
      sp.getNameIDFormats().add(nameIdFormat);
    }
    AssertionConsumerService acs =
        SamlMessages.build(
            AssertionConsumerService.DEFAULT_ELEMENT_NAME, AssertionConsumerService.class);
    acs.setBinding(SAMLConstants.SAML2_POST_BINDING_URI);
    acs.setLocation(identity.assertionConsumerService().toString());
    acs.setIndex(0);
    acs.setIsDefault(true);
    sp.getAssertionConsumerServices().add(acs);
    entity.getRoleDescriptors().add(sp);
    entity.setOrganization(ProxyServiceMetadataWriter.organization(identity.publisher()));
    for (ProxyServiceIdentity.Contact contact : identity.publisher().contacts()) {
      entity.getContactPersons().add(ProxyServiceMetadataWriter.contact(contact));
    }
    SamlMessages.sign(
        entity, identity.signing(), identity.signatureAlgorithm(), AlgorithmPolicy.SHA256);
    return entity;
  }
}
