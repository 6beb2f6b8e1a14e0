package eu.mostbridge.saml.eidas;

import eu.mostbridge.saml.AlgorithmPolicy;
import eu.mostbridge.saml.SamlMessages;
import eu.mostbridge.saml.metadata.KeyDescriptors;
import eu.mostbridge.saml.metadata.SpMetadataWriter;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import javax.xml.namespace.QName;
import org.opensaml.core.xml.schema.XSAny;
import org.opensaml.saml.common.xml.SAMLConstants;
import org.opensaml.saml.ext.saml2alg.DigestMethod;
import org.opensaml.saml.ext.saml2alg.SigningMethod;
import org.opensaml.saml.ext.saml2mdattr.EntityAttributes;
import org.opensaml.saml.saml2.core.Attribute;
import org.opensaml.saml.saml2.core.AttributeValue;
import org.opensaml.saml.saml2.metadata.Company;
import org.opensaml.saml.saml2.metadata.ContactPerson;
import org.opensaml.saml.saml2.metadata.ContactPersonTypeEnumeration;
import org.opensaml.saml.saml2.metadata.EmailAddress;
import org.opensaml.saml.saml2.metadata.EntityDescriptor;
import org.opensaml.saml.saml2.metadata.Extensions;
import org.opensaml.saml.saml2.metadata.IDPSSODescriptor;
import org.opensaml.saml.saml2.metadata.NameIDFormat;
import org.opensaml.saml.saml2.metadata.Organization;
import org.opensaml.saml.saml2.metadata.OrganizationDisplayName;
import org.opensaml.saml.saml2.metadata.OrganizationName;
import org.opensaml.saml.saml2.metadata.OrganizationURL;
import org.opensaml.saml.saml2.metadata.SingleSignOnService;
import org.opensaml.security.credential.UsageType;

/**
 * Writes the signed metadata of one {@link ProxyServiceIdentity}, as the eIDAS SAML Message Format
 * v1.4 describes a ProxyService's: entity attributes (protocol version, application identifier, the
 * levels reachable, the RequesterID entity category), the algorithms accepted, an IDPSSODescriptor
 * that wants signed requests with its {@code eidas:NodeCountry}, separate signing and encryption
 * certificates (the next signing certificates too), SSO over HTTP-POST and HTTP-Redirect, the
 * NameID formats and one Attribute per supported attribute; then Organization and ContactPersons.
 */
public final class ProxyServiceMetadataWriter {
  /** What a connector learns Most is, in {@code application-identifier}. */
  public static final String APPLICATION_IDENTIFIER = "Most eIDAS gateway";

  private ProxyServiceMetadataWriter() {}

  /** The signed EntityDescriptor, valid from {@code now} for {@code validity}. */
  public static EntityDescriptor write(
      ProxyServiceIdentity identity, Instant now, Duration validity) {
    EntityDescriptor entity =
        SamlMessages.build(EntityDescriptor.DEFAULT_ELEMENT_NAME, EntityDescriptor.class);
    entity.setEntityID(identity.entityId());
    entity.setID(SamlMessages.newId());
    entity.setValidUntil(now.plus(validity));
    entity.setExtensions(entityExtensions(identity));

    IDPSSODescriptor idp =
        SamlMessages.build(IDPSSODescriptor.DEFAULT_ELEMENT_NAME, IDPSSODescriptor.class);
    idp.addSupportedProtocol(SAMLConstants.SAML20P_NS);
    idp.setWantAuthnRequestsSigned(true);
    Extensions roleExtensions =
        SamlMessages.build(Extensions.DEFAULT_ELEMENT_NAME, Extensions.class);
    roleExtensions.getUnknownXMLObjects().add(nodeCountry(identity));
    idp.setExtensions(roleExtensions);
    idp.getKeyDescriptors()
        .add(
            KeyDescriptors.of(
                identity.signing().getEntityCertificate(), UsageType.SIGNING, List.of()));
    for (X509Certificate next : identity.nextSigning()) {
      idp.getKeyDescriptors().add(KeyDescriptors.of(next, UsageType.SIGNING, List.of()));
    }
    idp.getKeyDescriptors()
        .add(
            KeyDescriptors.of(
                identity.encryption(),
                UsageType.ENCRYPTION,
                encryptionMethods(identity.encryption())));
    for (String format : SpMetadataWriter.NAME_ID_FORMATS) {
      NameIDFormat nameIdFormat =
          SamlMessages.build(NameIDFormat.DEFAULT_ELEMENT_NAME, NameIDFormat.class);
      nameIdFormat.setURI(format);
      idp.getNameIDFormats().add(nameIdFormat);
    }
    for (String binding :
        List.of(SAMLConstants.SAML2_POST_BINDING_URI, SAMLConstants.SAML2_REDIRECT_BINDING_URI)) {
      SingleSignOnService sso =
          SamlMessages.build(SingleSignOnService.DEFAULT_ELEMENT_NAME, SingleSignOnService.class);
      sso.setBinding(binding);
      sso.setLocation(identity.singleSignOnService().toString());
      idp.getSingleSignOnServices().add(sso);
    }
    for (EidasNames.NaturalPersonAttribute supported : EidasNames.NaturalPersonAttribute.values()) {
      Attribute attribute = SamlMessages.build(Attribute.DEFAULT_ELEMENT_NAME, Attribute.class);
      attribute.setName(supported.uri());
      attribute.setFriendlyName(supported.friendlyName());
      attribute.setNameFormat(EidasNames.URI_NAME_FORMAT);
      idp.getAttributes().add(attribute);
    }
    entity.getRoleDescriptors().add(idp);
    entity.setOrganization(organization(identity.publisher()));
    for (ProxyServiceIdentity.Contact contact : identity.publisher().contacts()) {
      entity.getContactPersons().add(contact(contact));
    }
    SamlMessages.sign(
        entity, identity.signing(), identity.signatureAlgorithm(), AlgorithmPolicy.SHA256);
    return entity;
  }

  /** What may be encrypted to {@code certificate}: AES-GCM under ECDH-ES or RSA-OAEP. */
  static List<String> encryptionMethods(X509Certificate certificate) {
    return certificate.getPublicKey() instanceof ECPublicKey
        ? List.of(AlgorithmPolicy.AES256_GCM, AlgorithmPolicy.AES128_GCM, AlgorithmPolicy.ECDH_ES)
        : List.of(AlgorithmPolicy.AES256_GCM, AlgorithmPolicy.AES128_GCM, AlgorithmPolicy.RSA_OAEP);
  }

  private static Extensions entityExtensions(ProxyServiceIdentity identity) {
    Extensions extensions = SamlMessages.build(Extensions.DEFAULT_ELEMENT_NAME, Extensions.class);
    EntityAttributes attributes =
        SamlMessages.build(EntityAttributes.DEFAULT_ELEMENT_NAME, EntityAttributes.class);
    attributes
        .getAttributes()
        .add(
            entityAttribute(
                EidasNames.PROTOCOL_VERSION_ATTRIBUTE, List.of(EidasNames.PROTOCOL_VERSION)));
    attributes
        .getAttributes()
        .add(
            entityAttribute(
                EidasNames.APPLICATION_IDENTIFIER_ATTRIBUTE, List.of(APPLICATION_IDENTIFIER)));
    attributes
        .getAttributes()
        .add(
            entityAttribute(
                EidasNames.ASSURANCE_CERTIFICATION_ATTRIBUTE,
                identity.levels().stream().map(EidasLevel::uri).toList()));
    attributes
        .getAttributes()
        .add(
            entityAttribute(
                EidasNames.ENTITY_CATEGORY_ATTRIBUTE, List.of(EidasNames.REQUESTER_ID_CATEGORY)));
    extensions.getUnknownXMLObjects().add(attributes);
    addAlgorithms(extensions);
    return extensions;
  }

  /** The digest and signature algorithms Most accepts, as {@code alg:} elements. */
  static void addAlgorithms(Extensions extensions) {
    for (String digest : AlgorithmPolicy.eidasStrict().digestAlgorithms()) {
      DigestMethod method =
          SamlMessages.build(DigestMethod.DEFAULT_ELEMENT_NAME, DigestMethod.class);
      method.setAlgorithm(digest);
      extensions.getUnknownXMLObjects().add(method);
    }
    for (String signature : AlgorithmPolicy.eidasStrict().signatureAlgorithms()) {
      SigningMethod method =
          SamlMessages.build(SigningMethod.DEFAULT_ELEMENT_NAME, SigningMethod.class);
      method.setAlgorithm(signature);
      method.setMinKeySize(signature.contains("ecdsa") ? 256 : 3072);
      extensions.getUnknownXMLObjects().add(method);
    }
  }

  private static XSAny nodeCountry(ProxyServiceIdentity identity) {
    return nodeCountry(identity.nodeCountry());
  }

  static XSAny nodeCountry(eu.mostbridge.identity.CountryCode code) {
    XSAny country =
        SamlMessages.buildAny(
            new QName(EidasNames.EXTENSIONS_NS, "NodeCountry", EidasNames.EXTENSIONS_PREFIX));
    country.setTextContent(code.alpha2());
    return country;
  }

  static Attribute entityAttribute(String name, List<String> values) {
    Attribute attribute = SamlMessages.build(Attribute.DEFAULT_ELEMENT_NAME, Attribute.class);
    attribute.setName(name);
    attribute.setNameFormat(EidasNames.URI_NAME_FORMAT);
    for (String value : values) {
      XSAny element = SamlMessages.buildAny(AttributeValue.DEFAULT_ELEMENT_NAME);
      element.setTextContent(value);
      attribute.getAttributeValues().add(element);
    }
    return attribute;
  }

  static Organization organization(ProxyServiceIdentity.Publisher publisher) {
    Organization organization =
        SamlMessages.build(Organization.DEFAULT_ELEMENT_NAME, Organization.class);
    OrganizationName name =
        SamlMessages.build(OrganizationName.DEFAULT_ELEMENT_NAME, OrganizationName.class);
    name.setValue(publisher.organizationName());
    name.setXMLLang("en");
    organization.getOrganizationNames().add(name);
    OrganizationDisplayName display =
        SamlMessages.build(
            OrganizationDisplayName.DEFAULT_ELEMENT_NAME, OrganizationDisplayName.class);
    display.setValue(publisher.displayName());
    display.setXMLLang("en");
    organization.getDisplayNames().add(display);
    OrganizationURL url =
        SamlMessages.build(OrganizationURL.DEFAULT_ELEMENT_NAME, OrganizationURL.class);
    url.setURI(publisher.url().toString());
    url.setXMLLang("en");
    organization.getURLs().add(url);
    return organization;
  }

  static ContactPerson contact(ProxyServiceIdentity.Contact contact) {
    ContactPerson person =
        SamlMessages.build(ContactPerson.DEFAULT_ELEMENT_NAME, ContactPerson.class);
    person.setType(
        contact.type() == ProxyServiceIdentity.Contact.Type.SUPPORT
            ? ContactPersonTypeEnumeration.SUPPORT
            : ContactPersonTypeEnumeration.TECHNICAL);
    contact
        .company()
        .ifPresent(
            name -> {
              Company company = SamlMessages.build(Company.DEFAULT_ELEMENT_NAME, Company.class);
              company.setValue(name);
              person.setCompany(company);
            });
    EmailAddress email = SamlMessages.build(EmailAddress.DEFAULT_ELEMENT_NAME, EmailAddress.class);
    email.setURI("mailto:" + contact.email().toLowerCase(Locale.ROOT));
    person.getEmailAddresses().add(email);
    return person;
  }
}
