package eu.mostbridge.simulator.xml;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** Parsing (no DOCTYPE, no external anything) and serialising for the simulators. */
public final class Xml {
  private Xml() {}

  public static Document newDocument() {
    try {
      return factory().newDocumentBuilder().newDocument();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Parses a message from a peer. */
  public static Document parse(byte[] bytes) throws SAXException, IOException {
    try {
      DocumentBuilder builder = factory().newDocumentBuilder();
      builder.setErrorHandler(null);
      return builder.parse(new ByteArrayInputStream(bytes));
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static DocumentBuilderFactory factory() throws ParserConfigurationException {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setXIncludeAware(false);
    factory.setExpandEntityReferences(false);
    return factory;
  }

  /** The node as UTF-8 bytes, without XML declaration, exactly as built (signatures survive). */
  public static byte[] toBytes(Node node) {
    try {
      Transformer transformer = TransformerFactory.newDefaultInstance().newTransformer();
      transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
      transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      transformer.transform(new DOMSource(node), new StreamResult(out));
      return out.toByteArray();
    } catch (TransformerException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A new child element in {@code namespace} with {@code prefix:local}, appended to parent. */
  public static Element child(Node parent, String namespace, String qualifiedName) {
    Document document = parent instanceof Document d ? d : parent.getOwnerDocument();
    Element element = document.createElementNS(namespace, qualifiedName);
    parent.appendChild(element);
    return element;
  }

  /** {@link #child} with text content. */
  public static Element child(Node parent, String namespace, String qualifiedName, String text) {
    Element element = child(parent, namespace, qualifiedName);
    element.setTextContent(text);
    return element;
  }

  /** The first child element with this namespace and local name, or null. */
  public static Element first(Element parent, String namespace, String localName) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e
          && namespace.equals(e.getNamespaceURI())
          && localName.equals(e.getLocalName())) {
        return e;
      }
    }
    return null;
  }

  /** The child elements of {@code parent} named {@code localName} in {@code namespace}. */
  public static java.util.List<Element> children(
      Element parent, String namespace, String localName) {
    java.util.List<Element> found = new java.util.ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e
          && namespace.equals(e.getNamespaceURI())
          && localName.equals(e.getLocalName())) {
        found.add(e);
      }
    }
    return found;
  }

  /**
   * The certificate an {@code X509Certificate} element's Base64 text holds.
   *
   * @throws IllegalArgumentException when it is not one
   */
  public static java.security.cert.X509Certificate certificate(String base64) {
    try {
      return (java.security.cert.X509Certificate)
          java.security.cert.CertificateFactory.getInstance("X.509")
              .generateCertificate(
                  new java.io.ByteArrayInputStream(
                      java.util.Base64.getMimeDecoder().decode(base64.strip())));
    } catch (java.security.cert.CertificateException e) {
      throw new IllegalArgumentException("not a certificate", e);
    }
  }
}
