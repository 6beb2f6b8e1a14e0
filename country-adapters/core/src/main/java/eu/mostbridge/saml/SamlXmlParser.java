package eu.mostbridge.saml;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.opensaml.core.xml.XMLObject;
import org.opensaml.core.xml.config.XMLObjectProviderRegistrySupport;
import org.opensaml.core.xml.io.Unmarshaller;
import org.opensaml.core.xml.io.UnmarshallingException;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Parses SAML messages from untrusted peers, refusing before any SAML processing:
 *
 * <ul>
 *   <li>more than {@code maxBytes} bytes;
 *   <li>any DOCTYPE (so no entity definitions, expansion bombs or external entities), XInclude;
 *   <li>elements nested deeper than {@code maxDepth}, or more than {@code maxElements} of them
 *       (OpenSAML unmarshals recursively: depth is bounded before it runs);
 *   <li>comments and processing instructions (a comment inside a signed value lets a parser read
 *       less than was signed);
 *   <li>two elements with the same {@code ID} or {@code Id} (the raw material of signature
 *       wrapping).
 * </ul>
 */
public final class SamlXmlParser {
  public static final int DEFAULT_MAX_BYTES = 256 * 1024;
  public static final int DEFAULT_MAX_DEPTH = 32;
  public static final int DEFAULT_MAX_ELEMENTS = 4096;

  private final int maxBytes;
  private final int maxDepth;
  private final int maxElements;
  private final DocumentBuilderFactory factory;

  public SamlXmlParser(int maxBytes, int maxDepth, int maxElements) {
    this.maxBytes = maxBytes;
    this.maxDepth = maxDepth;
    this.maxElements = maxElements;
    this.factory = hardenedFactory(maxDepth);
  }

  public SamlXmlParser() {
    this(DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, DEFAULT_MAX_ELEMENTS);
  }

  public int maxBytes() {
    return maxBytes;
  }

  /** Parses and checks a whole document. */
  public Document parse(byte[] xml) throws MalformedSamlException {
    if (xml.length > maxBytes) {
      throw new MalformedSamlException(
          "The message has " + xml.length + " bytes; at most " + maxBytes + " are accepted");
    }
    Document document;
    try {
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(SILENT);
      builder.setEntityResolver(
          (publicId, systemId) -> {
            throw new SAXException("External entities are not resolved");
          });
      document = builder.parse(new ByteArrayInputStream(xml));
    } catch (SAXException | IOException e) {
      throw new MalformedSamlException("The message is not acceptable XML: " + e.getMessage(), e);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("The XML parser cannot be hardened", e);
    }
    if (document.getDoctype() != null) {
      throw new MalformedSamlException("The message has a DOCTYPE");
    }
    checkStructure(document.getDocumentElement());
    return document;
  }

  /** Checks a subtree (for example a decrypted assertion) by the same rules. */
  public void checkStructure(Node root) throws MalformedSamlException {
    Deque<Node> nodes = new ArrayDeque<>();
    Deque<Integer> depths = new ArrayDeque<>();
    nodes.push(root);
    depths.push(1);
    Set<String> ids = new HashSet<>();
    int elements = 0;
    while (!nodes.isEmpty()) {
      Node node = nodes.pop();
      int depth = depths.pop();
      switch (node.getNodeType()) {
        case Node.COMMENT_NODE ->
            throw new MalformedSamlException("The message contains an XML comment");
        case Node.PROCESSING_INSTRUCTION_NODE ->
            throw new MalformedSamlException("The message contains a processing instruction");
        case Node.ENTITY_REFERENCE_NODE ->
            throw new MalformedSamlException("The message contains an entity reference");
        case Node.ELEMENT_NODE -> {
          if (depth > maxDepth) {
            throw new MalformedSamlException("Elements are nested deeper than " + maxDepth);
          }
          if (++elements > maxElements) {
            throw new MalformedSamlException(
                "The message has more than " + maxElements + " elements");
          }
          checkIds((Element) node, ids);
        }
        default -> {
          // text, CDATA, document fragments: nothing to check
        }
      }
      for (Node child = node.getLastChild(); child != null; child = child.getPreviousSibling()) {
        nodes.push(child);
        depths.push(node.getNodeType() == Node.ELEMENT_NODE ? depth + 1 : depth);
      }
    }
  }

  private static void checkIds(Element element, Set<String> ids) throws MalformedSamlException {
    NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      Attr attribute = (Attr) attributes.item(i);
      String name =
          attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
      if (("ID".equals(name) || "Id".equals(name)) && !ids.add(attribute.getValue())) {
        throw new MalformedSamlException("Two elements carry the same ID");
      }
    }
  }

  /**
   * A deep copy of {@code element} as the root of a new document, so that ID references inside it
   * resolve (a decrypted assertion arrives in a document fragment, where they do not).
   */
  public Element asNewDocument(Element element) {
    try {
      Document document = factory.newDocumentBuilder().newDocument();
      Element root = (Element) document.importNode(element, true);
      document.appendChild(root);
      return root;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("The XML parser cannot be hardened", e);
    }
  }

  /** Unmarshals a checked element into OpenSAML's object model. */
  public static XMLObject unmarshal(Element element) throws MalformedSamlException {
    OpenSamlRuntime.ensureInitialized();
    Unmarshaller unmarshaller =
        XMLObjectProviderRegistrySupport.getUnmarshallerFactory().getUnmarshaller(element);
    if (unmarshaller == null) {
      throw new MalformedSamlException("Unknown element " + element.getLocalName());
    }
    try {
      return unmarshaller.unmarshall(element);
    } catch (UnmarshallingException | RuntimeException e) {
      throw new MalformedSamlException("The message does not follow the SAML schema", e);
    }
  }

  private static DocumentBuilderFactory hardenedFactory(int maxDepth) {
    DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
    f.setNamespaceAware(true);
    f.setXIncludeAware(false);
    f.setExpandEntityReferences(false);
    f.setIgnoringComments(false); // comments are refused, not silently dropped
    try {
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("The XML parser cannot be hardened", e);
    }
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    // The JDK parser stops at this depth itself, before building a deep tree.
    f.setAttribute("jdk.xml.maxElementDepth", String.valueOf(maxDepth));
    return f;
  }

  private static final ErrorHandler SILENT =
      new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {}

        @Override
        public void error(SAXParseException e) throws SAXException {
          throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
          throw e;
        }
      };
}
