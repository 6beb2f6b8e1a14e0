package eu.mostbridge.saml;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.xml.namespace.QName;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.opensaml.core.xml.XMLObject;
import org.opensaml.core.xml.config.XMLObjectProviderRegistrySupport;
import org.opensaml.core.xml.io.Marshaller;
import org.opensaml.core.xml.io.MarshallingException;
import org.opensaml.core.xml.schema.XSAny;
import org.opensaml.security.x509.BasicX509Credential;
import org.opensaml.xmlsec.SignatureSigningParameters;
import org.opensaml.xmlsec.keyinfo.impl.X509KeyInfoGeneratorFactory;
import org.opensaml.xmlsec.signature.SignableXMLObject;
import org.opensaml.xmlsec.signature.support.SignatureSupport;
import org.w3c.dom.Element;

/**
 * Creating, signing and serialising OpenSAML objects: the few operations every SAML message Most
 * sends goes through.
 */
public final class SamlMessages {
  private static final SecureRandom RANDOM = new SecureRandom();

  private SamlMessages() {}

  /** A new, unguessable message ID: an underscore (IDs must be XML names) and 128 random bits. */
  public static String newId() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return "_" + HexFormat.of().formatHex(bytes);
  }

  /** A new, empty SAML object of the element {@code name}, of the OpenSAML {@code type}. */
  public static <T extends XMLObject> T build(QName name, Class<T> type) {
    OpenSamlRuntime.ensureInitialized();
    return type.cast(
        XMLObjectProviderRegistrySupport.getBuilderFactory()
            .getBuilderOrThrow(name)
            .buildObject(name));
  }

  /** A new element of any name, for extension content no OpenSAML type describes. */
  public static XSAny buildAny(QName name) {
    OpenSamlRuntime.ensureInitialized();
    return (XSAny)
        XMLObjectProviderRegistrySupport.getBuilderFactory()
            .getBuilderOrThrow(XSAny.TYPE_NAME)
            .buildObject(name);
  }

  /** A new element of any name with {@code xsi:type} {@code schemaType} (attribute values). */
  public static XSAny buildAny(QName name, QName schemaType) {
    OpenSamlRuntime.ensureInitialized();
    return (XSAny)
        XMLObjectProviderRegistrySupport.getBuilderFactory()
            .getBuilderOrThrow(XSAny.TYPE_NAME)
            .buildObject(name, schemaType);
  }

  /**
   * Signs {@code object} with an enveloped signature by {@code credential}, exclusive C14N, the
   * signing certificate in KeyInfo (for the peer's convenience only: Most never trusts one).
   */
  public static void sign(
      SignableXMLObject object,
      BasicX509Credential credential,
      String signatureAlgorithm,
      String digestAlgorithm) {
    OpenSamlRuntime.ensureInitialized();
    SignatureSigningParameters parameters = new SignatureSigningParameters();
    parameters.setSigningCredential(credential);
    parameters.setSignatureAlgorithm(signatureAlgorithm);
    parameters.setSignatureReferenceDigestMethod(digestAlgorithm);
    parameters.setSignatureCanonicalizationAlgorithm(AlgorithmPolicy.EXCLUSIVE_C14N);
    X509KeyInfoGeneratorFactory keyInfo = new X509KeyInfoGeneratorFactory();
    keyInfo.setEmitEntityCertificate(true);
    parameters.setKeyInfoGenerator(keyInfo.newInstance());
    try {
      SignatureSupport.signObject(object, parameters);
    } catch (Exception e) {
      throw new IllegalStateException("Signing a SAML message failed", e);
    }
  }

  /** The object's DOM, marshalling it first if needed. */
  public static Element marshal(XMLObject object) {
    OpenSamlRuntime.ensureInitialized();
    if (object.getDOM() != null) {
      return object.getDOM();
    }
    try {
      Marshaller marshaller =
          XMLObjectProviderRegistrySupport.getMarshallerFactory().getMarshaller(object);
      if (marshaller == null) {
        throw new IllegalStateException("No marshaller for " + object.getElementQName());
      }
      return marshaller.marshall(object);
    } catch (MarshallingException e) {
      throw new IllegalStateException("Marshalling a SAML message failed", e);
    }
  }

  /** The object as UTF-8 XML bytes, exactly as marshalled (a signature stays valid). */
  public static byte[] toBytes(XMLObject object) {
    return toBytes(marshal(object));
  }

  /** An element as UTF-8 XML bytes, exactly as it is (a signature stays valid). */
  public static byte[] toBytes(Element element) {
    try {
      Transformer transformer = TransformerFactory.newDefaultInstance().newTransformer();
      transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
      transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      transformer.transform(new DOMSource(element), new StreamResult(out));
      return out.toByteArray();
    } catch (TransformerException e) {
      throw new IllegalStateException("Serialising a SAML message failed", e);
    }
  }

  /** {@link #toBytes} as a string. */
  public static String toXml(XMLObject object) {
    return new String(toBytes(object), StandardCharsets.UTF_8);
  }
}
