package eu.mostbridge.simulator.eidas;

import eu.mostbridge.simulator.xml.EnvelopedSignature;
import eu.mostbridge.simulator.xml.Xml;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * A ProxyService's metadata as the connector simulator reads it before trusting the service: the
 * signature verified with the key the connector's operator configured (never one the metadata
 * carries), validity, then what a connector needs: the country, where to send requests, the keys
 * answers are signed with, the levels the service can reach.
 *
 * @param entityId the entity ID, the Issuer expected in answers
 * @param nodeCountry {@code eidas:NodeCountry}
 * @param singleSignOnPost the SSO location for HTTP-POST
 * @param singleSignOnRedirect the SSO location for HTTP-Redirect
 * @param signingCertificates the signing certificates (the current and the next ones)
 * @param encryptionCertificates the encryption certificates
 * @param levels the {@code assurance-certification} values
 * @param validUntil the end of validity
 */
public record ProxyServiceMetadata(
    String entityId,
    String nodeCountry,
    String singleSignOnPost,
    String singleSignOnRedirect,
    List<X509Certificate> signingCertificates,
    List<X509Certificate> encryptionCertificates,
    List<String> levels,
    Instant validUntil) {

  private static final String REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";

  /**
   * Reads and checks {@code xml}.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static ProxyServiceMetadata read(byte[] xml, PublicKey trustedSigner, Instant now) {
    Document document;
    try {
      document = Xml.parse(xml);
    } catch (SAXException | IOException e) {
      throw new IllegalArgumentException("not XML: " + e.getMessage(), e);
    }
    Element entity = document.getDocumentElement();
    if (!ConnectorMetadata.MD.equals(entity.getNamespaceURI())
        || !"EntityDescriptor".equals(entity.getLocalName())) {
      throw new IllegalArgumentException("not an EntityDescriptor");
    }
    if (!EnvelopedSignature.verify(entity, trustedSigner)) {
      throw new IllegalArgumentException("the signature does not verify with the configured key");
    }
    Instant validUntil = Instant.parse(entity.getAttribute("validUntil"));
    if (!now.isBefore(validUntil)) {
      throw new IllegalArgumentException("expired at " + validUntil);
    }
    Element idp = Xml.first(entity, ConnectorMetadata.MD, "IDPSSODescriptor");
    if (idp == null || !"true".equals(idp.getAttribute("WantAuthnRequestsSigned"))) {
      throw new IllegalArgumentException("no IDPSSODescriptor that wants signed requests");
    }
    Element roleExtensions = Xml.first(idp, ConnectorMetadata.MD, "Extensions");
    Element country =
        roleExtensions == null
            ? null
            : Xml.first(roleExtensions, ConnectorMetadata.EIDAS, "NodeCountry");
    if (country == null) {
      throw new IllegalArgumentException("no eidas:NodeCountry");
    }
    String post = null;
    String redirect = null;
    NodeList services = idp.getElementsByTagNameNS(ConnectorMetadata.MD, "SingleSignOnService");
    for (int i = 0; i < services.getLength(); i++) {
      Element service = (Element) services.item(i);
      if (ConnectorMetadata.POST.equals(service.getAttribute("Binding"))) {
        post = service.getAttribute("Location");
      } else if (REDIRECT.equals(service.getAttribute("Binding"))) {
        redirect = service.getAttribute("Location");
      }
    }
    if (post == null || redirect == null) {
      throw new IllegalArgumentException("SSO over HTTP-POST and HTTP-Redirect are both needed");
    }
    List<X509Certificate> signing = new ArrayList<>();
    List<X509Certificate> encryption = new ArrayList<>();
    NodeList keys = idp.getElementsByTagNameNS(ConnectorMetadata.MD, "KeyDescriptor");
    for (int i = 0; i < keys.getLength(); i++) {
      Element key = (Element) keys.item(i);
      X509Certificate certificate =
          certificate(
              key.getElementsByTagNameNS(ConnectorMetadata.DSIG, "X509Certificate")
                  .item(0)
                  .getTextContent());
      ("encryption".equals(key.getAttribute("use")) ? encryption : signing).add(certificate);
    }
    List<String> levels = new ArrayList<>();
    NodeList attributes = entity.getElementsByTagNameNS(ConnectorMetadata.SAML, "Attribute");
    for (int i = 0; i < attributes.getLength(); i++) {
      Element attribute = (Element) attributes.item(i);
      if (ConnectorMetadata.MDATTR.equals(attribute.getParentNode().getNamespaceURI())
          && "urn:oasis:names:tc:SAML:attribute:assurance-certification"
              .equals(attribute.getAttribute("Name"))) {
        NodeList values =
            attribute.getElementsByTagNameNS(ConnectorMetadata.SAML, "AttributeValue");
        for (int j = 0; j < values.getLength(); j++) {
          levels.add(values.item(j).getTextContent().strip());
        }
      }
    }
    return new ProxyServiceMetadata(
        entity.getAttribute("entityID"),
        country.getTextContent().strip(),
        post,
        redirect,
        signing,
        encryption,
        levels,
        validUntil);
  }

  private static X509Certificate certificate(String base64) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(
                  new ByteArrayInputStream(Base64.getMimeDecoder().decode(base64)));
    } catch (CertificateException e) {
      throw new IllegalArgumentException("a certificate cannot be read", e);
    }
  }
}
