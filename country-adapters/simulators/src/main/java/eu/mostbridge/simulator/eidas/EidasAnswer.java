package eu.mostbridge.simulator.eidas;

import eu.mostbridge.simulator.xml.EnvelopedSignature;
import eu.mostbridge.simulator.xml.Xml;
import eu.mostbridge.simulator.xml.XmlDecryption;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * A ProxyService's answer as the connector simulator checks it, as the EU node's connector does:
 * the Response signed by a key of the service's metadata, its Issuer, Destination and InResponseTo;
 * on success exactly one EncryptedAssertion, decrypted with the connector's key, signed by the
 * service, for this connector (Audience), this ACS and request (bearer confirmation), within its
 * time, with a level and the attributes. Names read in both LatinScript forms (qualified and not).
 *
 * @param status the top-level status code
 * @param subStatus the second-level code, if any
 * @param message the StatusMessage, if any
 * @param level the AuthnContextClassRef, on success
 * @param nameId the NameID, on success
 * @param attributes each attribute's friendly name to its values, on success
 */
public record EidasAnswer(
    String status,
    Optional<String> subStatus,
    Optional<String> message,
    Optional<String> level,
    Optional<String> nameId,
    Map<String, List<Value>> attributes) {

  static final String SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol";
  static final String NATURAL = "http://eidas.europa.eu/attributes/naturalperson";
  static final String SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";

  /**
   * One attribute value.
   *
   * @param text the value
   * @param latinScript false only for a native-script value
   * @param type the xsi:type as written
   */
  public record Value(String text, boolean latinScript, String type) {}

  /** What the connector expects of an answer. */
  public record Expected(
      String issuer,
      List<X509Certificate> serviceKeys,
      String destination,
      String requestId,
      String audience,
      PrivateKey decryptionKey) {}

  /**
   * Reads and checks {@code xml}.
   *
   * @throws IllegalArgumentException saying which check failed
   */
  public static EidasAnswer read(byte[] xml, Expected expected, Instant now) {
    try {
      Element response = Xml.parse(xml).getDocumentElement();
      require(
          SAMLP.equals(response.getNamespaceURI()) && "Response".equals(response.getLocalName()),
          "not a Response");
      require(signedByService(response, expected), "the Response signature does not verify");
      require(
          expected.issuer().equals(text(first(response, ConnectorMetadata.SAML, "Issuer"))),
          "the Issuer is not the service");
      require(
          expected.destination().equals(response.getAttribute("Destination")),
          "the Destination is not the ACS");
      require(
          expected.requestId().equals(response.getAttribute("InResponseTo")),
          "InResponseTo is not the request");
      Element status = first(first(response, SAMLP, "Status"), SAMLP, "StatusCode");
      Element second = first(status, SAMLP, "StatusCode");
      Element message = first(first(response, SAMLP, "Status"), SAMLP, "StatusMessage");
      List<Element> encrypted = children(response, ConnectorMetadata.SAML, "EncryptedAssertion");
      if (!SUCCESS.equals(status.getAttribute("Value"))) {
        require(
            encrypted.isEmpty()
                && children(response, ConnectorMetadata.SAML, "Assertion").isEmpty(),
            "an error Response carries an assertion");
        return new EidasAnswer(
            status.getAttribute("Value"),
            Optional.ofNullable(second).map(e -> e.getAttribute("Value")),
            Optional.ofNullable(message).map(EidasAnswer::text),
            Optional.empty(),
            Optional.empty(),
            Map.of());
      }
      require(encrypted.size() == 1, "not exactly one EncryptedAssertion");
      require(
          children(response, ConnectorMetadata.SAML, "Assertion").isEmpty(),
          "a plain assertion beside the encrypted one");
      Element assertion =
          XmlDecryption.decrypt(
              first(encrypted.get(0), "http://www.w3.org/2001/04/xmlenc#", "EncryptedData"),
              expected.decryptionKey());
      require("Assertion".equals(assertion.getLocalName()), "the plaintext is no Assertion");
      require(signedByService(assertion, expected), "the Assertion signature does not verify");
      Element subject = first(assertion, ConnectorMetadata.SAML, "Subject");
      Element data =
          first(
              first(subject, ConnectorMetadata.SAML, "SubjectConfirmation"),
              ConnectorMetadata.SAML,
              "SubjectConfirmationData");
      require(expected.destination().equals(data.getAttribute("Recipient")), "wrong Recipient");
      require(
          expected.requestId().equals(data.getAttribute("InResponseTo")),
          "wrong confirmation InResponseTo");
      require(now.isBefore(Instant.parse(data.getAttribute("NotOnOrAfter"))), "expired");
      Element conditions = first(assertion, ConnectorMetadata.SAML, "Conditions");
      require(
          expected
              .audience()
              .equals(
                  text(
                      first(
                          first(conditions, ConnectorMetadata.SAML, "AudienceRestriction"),
                          ConnectorMetadata.SAML,
                          "Audience"))),
          "wrong Audience");
      String level =
          text(
              first(
                  first(
                      first(assertion, ConnectorMetadata.SAML, "AuthnStatement"),
                      ConnectorMetadata.SAML,
                      "AuthnContext"),
                  ConnectorMetadata.SAML,
                  "AuthnContextClassRef"));
      Map<String, List<Value>> attributes = new LinkedHashMap<>();
      NodeList list = assertion.getElementsByTagNameNS(ConnectorMetadata.SAML, "Attribute");
      for (int i = 0; i < list.getLength(); i++) {
        Element attribute = (Element) list.item(i);
        require(
            "urn:oasis:names:tc:SAML:2.0:attrname-format:uri"
                .equals(attribute.getAttribute("NameFormat")),
            "an attribute not in uri NameFormat");
        List<Value> values = new ArrayList<>();
        for (Element value : children(attribute, ConnectorMetadata.SAML, "AttributeValue")) {
          String latin =
              value.hasAttributeNS(NATURAL, "LatinScript")
                  ? value.getAttributeNS(NATURAL, "LatinScript")
                  : value.getAttribute("LatinScript");
          values.add(
              new Value(
                  text(value),
                  !"false".equals(latin),
                  value.getAttributeNS("http://www.w3.org/2001/XMLSchema-instance", "type")));
        }
        require(
            !values.isEmpty() && values.stream().noneMatch(v -> v.text().isEmpty()),
            "an empty attribute");
        attributes.put(attribute.getAttribute("FriendlyName"), values);
      }
      return new EidasAnswer(
          SUCCESS,
          Optional.empty(),
          Optional.ofNullable(message).map(EidasAnswer::text),
          Optional.of(level),
          Optional.of(text(first(subject, ConnectorMetadata.SAML, "NameID"))),
          attributes);
    } catch (SAXException | IOException | GeneralSecurityException | RuntimeException e) {
      if (e instanceof IllegalArgumentException refused) {
        throw refused;
      }
      throw new IllegalArgumentException("the answer cannot be read: " + e, e);
    }
  }

  private static boolean signedByService(Element element, Expected expected) {
    return expected.serviceKeys().stream()
        .anyMatch(key -> EnvelopedSignature.verify(element, key.getPublicKey()));
  }

  private static void require(boolean condition, String failure) {
    if (!condition) {
      throw new IllegalArgumentException(failure);
    }
  }

  private static Element first(Element parent, String namespace, String name) {
    if (parent == null) {
      return null;
    }
    return Xml.first(parent, namespace, name);
  }

  private static List<Element> children(Element parent, String namespace, String name) {
    List<Element> found = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e
          && namespace.equals(e.getNamespaceURI())
          && name.equals(e.getLocalName())) {
        found.add(e);
      }
    }
    return found;
  }

  private static String text(Element element) {
    if (element == null) {
      throw new IllegalArgumentException("an element is missing");
    }
    return element.getTextContent().strip();
  }
}
