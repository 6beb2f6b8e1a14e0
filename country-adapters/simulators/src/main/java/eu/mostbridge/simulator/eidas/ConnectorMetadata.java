package eu.mostbridge.simulator.eidas;

import eu.mostbridge.simulator.SimulatorKeys;
import eu.mostbridge.simulator.xml.EnvelopedSignature;
import eu.mostbridge.simulator.xml.Xml;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A connector's SAML metadata, as an EU eIDAS node publishes it: an EntityDescriptor with the
 * protocol version in its entity attributes and {@code eidas:SPType} (when the connector declares
 * it there) in its Extensions, an SPSSODescriptor that signs its requests, with {@code
 * eidas:NodeCountry}, separate signing and encryption certificates, and an HTTP-POST assertion
 * consumer service; signed with the connector's metadata key.
 *
 * @param entityId the metadata's URL, the connector's entity ID
 * @param nodeCountry its country, if published
 * @param spType {@code public} or {@code private}, if published in metadata
 * @param assertionConsumerService where answers go
 * @param signing the key requests and metadata are signed with
 * @param encryption the certificate answers are encrypted to, with the algorithms declared for it
 * @param validUntil the end of validity, if published
 * @param signed whether the metadata is signed
 */
public record ConnectorMetadata(
    String entityId,
    Optional<String> nodeCountry,
    Optional<String> spType,
    String assertionConsumerService,
    SimulatorKeys signing,
    X509Certificate encryption,
    java.util.List<String> encryptionMethods,
    Optional<Instant> validUntil,
    boolean signed) {

  static final String MD = "urn:oasis:names:tc:SAML:2.0:metadata";
  static final String SAML = "urn:oasis:names:tc:SAML:2.0:assertion";
  static final String EIDAS = "http://eidas.europa.eu/saml-extensions";
  static final String MDATTR = "urn:oasis:names:tc:SAML:metadata:attribute";
  static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";
  static final String POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";

  /** The metadata as the EU node would publish it: signed, valid for a day, public sector. */
  public static ConnectorMetadata typical(
      String entityId,
      String nodeCountry,
      String assertionConsumerService,
      SimulatorKeys signing,
      X509Certificate encryption) {
    return new ConnectorMetadata(
        entityId,
        Optional.of(nodeCountry),
        Optional.of("public"),
        assertionConsumerService,
        signing,
        encryption,
        java.util.List.of(
            "http://www.w3.org/2009/xmlenc11#aes256-gcm",
            encryption.getPublicKey() instanceof java.security.interfaces.ECPublicKey
                ? "http://www.w3.org/2009/xmlenc11#ECDH-ES"
                : "http://www.w3.org/2009/xmlenc11#rsa-oaep"),
        Optional.of(Instant.now().plus(1, ChronoUnit.DAYS)),
        true);
  }

  public ConnectorMetadata withSpType(Optional<String> type) {
    return new ConnectorMetadata(
        entityId,
        nodeCountry,
        type,
        assertionConsumerService,
        signing,
        encryption,
        encryptionMethods,
        validUntil,
        signed);
  }

  public ConnectorMetadata withNodeCountry(Optional<String> country) {
    return new ConnectorMetadata(
        entityId,
        country,
        spType,
        assertionConsumerService,
        signing,
        encryption,
        encryptionMethods,
        validUntil,
        signed);
  }

  public ConnectorMetadata withValidUntil(Optional<Instant> until) {
    return new ConnectorMetadata(
        entityId,
        nodeCountry,
        spType,
        assertionConsumerService,
        signing,
        encryption,
        encryptionMethods,
        until,
        signed);
  }

  public ConnectorMetadata unsigned() {
    return new ConnectorMetadata(
        entityId,
        nodeCountry,
        spType,
        assertionConsumerService,
        signing,
        encryption,
        encryptionMethods,
        validUntil,
        false);
  }

  /** The metadata document, signed when {@link #signed}. */
  public byte[] toBytes() {
    Document document = Xml.newDocument();
    Element entity = Xml.child(document, MD, "md:EntityDescriptor");
    entity.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:eidas", EIDAS);
    entity.setAttribute("entityID", entityId);
    entity.setAttribute("ID", "_" + UUID.randomUUID());
    validUntil.ifPresent(until -> entity.setAttribute("validUntil", until.toString()));
    Element extensions = Xml.child(entity, MD, "md:Extensions");
    spType.ifPresent(type -> Xml.child(extensions, EIDAS, "eidas:SPType", type));
    Element attributes = Xml.child(extensions, MDATTR, "mdattr:EntityAttributes");
    Element version = Xml.child(attributes, SAML, "saml2:Attribute");
    version.setAttribute("Name", "http://eidas.europa.eu/entity-attributes/protocol-version");
    version.setAttribute("NameFormat", "urn:oasis:names:tc:SAML:2.0:attrname-format:uri");
    Xml.child(version, SAML, "saml2:AttributeValue", "1.4");
    Element sp = Xml.child(entity, MD, "md:SPSSODescriptor");
    sp.setAttribute("AuthnRequestsSigned", "true");
    sp.setAttribute("WantAssertionsSigned", "true");
    sp.setAttribute("protocolSupportEnumeration", "urn:oasis:names:tc:SAML:2.0:protocol");
    nodeCountry.ifPresent(
        country ->
            Xml.child(Xml.child(sp, MD, "md:Extensions"), EIDAS, "eidas:NodeCountry", country));
    key(sp, "signing", signing.certificate(), java.util.List.of());
    key(sp, "encryption", encryption, encryptionMethods);
    Xml.child(sp, MD, "md:NameIDFormat", "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent");
    Element acs = Xml.child(sp, MD, "md:AssertionConsumerService");
    acs.setAttribute("Binding", POST);
    acs.setAttribute("Location", assertionConsumerService);
    acs.setAttribute("index", "0");
    acs.setAttribute("isDefault", "true");
    if (!signed) {
      return Xml.toBytes(document);
    }
    // Signed as it will be read: parsed from its text, so every namespace is declared in the DOM
    // that exclusive C14N digests.
    Element parsed;
    try {
      parsed = Xml.parse(Xml.toBytes(document)).getDocumentElement();
    } catch (org.xml.sax.SAXException | java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    EnvelopedSignature.sign(
        parsed,
        parsed.getFirstChild(),
        signing.privateKey(),
        signing.certificate(),
        signing.privateKey().getAlgorithm().equals("EC")
            ? "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"
            : "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1",
        "http://www.w3.org/2001/04/xmlenc#sha256");
    return Xml.toBytes(parsed.getOwnerDocument());
  }

  private static void key(
      Element role, String use, X509Certificate certificate, java.util.List<String> methods) {
    Element key = Xml.child(role, MD, "md:KeyDescriptor");
    key.setAttribute("use", use);
    Element data = Xml.child(Xml.child(key, DSIG, "ds:KeyInfo"), DSIG, "ds:X509Data");
    try {
      Xml.child(
          data,
          DSIG,
          "ds:X509Certificate",
          Base64.getEncoder().encodeToString(certificate.getEncoded()));
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
    for (String method : methods) {
      Xml.child(key, MD, "md:EncryptionMethod").setAttribute("Algorithm", method);
    }
  }
}
