package eu.mostbridge.saml;

import java.security.Key;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.util.List;
import java.util.Optional;
import org.apache.xml.security.encryption.EncryptedData;
import org.apache.xml.security.encryption.EncryptedKey;
import org.apache.xml.security.encryption.XMLCipher;
import org.apache.xml.security.encryption.XMLEncryptionException;
import org.apache.xml.security.keys.KeyInfo;
import org.opensaml.security.x509.BasicX509Credential;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Decrypts an assertion's EncryptedData with Santuario directly, for the envelopes OpenSAML 4.0.1's
 * {@code Decrypter} cannot open: an AES key agreed by {@code xmlenc11#ECDH-ES} (with ConcatKDF) and
 * wrapped with {@code kw-aes*}, which eIDAS requires every ProxyService to support for EC
 * encryption certificates. OpenSAML filters EC keys out before decryption starts; Santuario 4
 * derives the wrapping key from the originator's ephemeral key and the recipient's private key.
 *
 * <p>Only the one EncryptedKey inside the EncryptedData's KeyInfo is read, and only Most's own keys
 * of the matching kind are tried: the sender chooses nothing about what is decrypted with what.
 * Every failure is one exception with one message, so a refusal tells nothing of the plaintext.
 */
public final class AssertionDecryption {
  private AssertionDecryption() {}

  /**
   * The key agreement algorithm and the key wrap algorithm of {@code encryptedData}'s key, when it
   * is agreed: the algorithms the sender chose, to be checked against the policy before anything is
   * decrypted.
   */
  public static Optional<KeyAgreement> agreementOf(Element encryptedData) {
    Optional<Element> key =
        child(encryptedData, DS, "KeyInfo").flatMap(i -> child(i, XENC, "EncryptedKey"));
    Optional<Element> agreement =
        key.flatMap(k -> child(k, DS, "KeyInfo")).flatMap(i -> child(i, XENC, "AgreementMethod"));
    if (agreement.isEmpty()) {
      return Optional.empty();
    }
    String wrap =
        key.flatMap(k -> child(k, XENC, "EncryptionMethod"))
            .map(m -> m.getAttribute("Algorithm"))
            .orElse("");
    Optional<Element> derivation = child(agreement.get(), XENC11, "KeyDerivationMethod");
    String kdf = derivation.map(d -> d.getAttribute("Algorithm")).orElse("");
    String digest =
        derivation
            .flatMap(d -> child(d, XENC11, "ConcatKDFParams"))
            .flatMap(p -> child(p, DS, "DigestMethod"))
            .map(m -> m.getAttribute("Algorithm"))
            .orElse("");
    return Optional.of(
        new KeyAgreement(agreement.get().getAttribute("Algorithm"), wrap, kdf, digest));
  }

  private static final String DS = "http://www.w3.org/2000/09/xmldsig#";
  private static final String XENC = "http://www.w3.org/2001/04/xmlenc#";
  private static final String XENC11 = "http://www.w3.org/2009/xmlenc11#";

  private static Optional<Element> child(Element parent, String namespace, String localName) {
    for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e
          && namespace.equals(e.getNamespaceURI())
          && localName.equals(e.getLocalName())) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /**
   * The agreed key's algorithms.
   *
   * @param agreement the key agreement algorithm, {@code xmlenc11#ECDH-ES}
   * @param keyWrap the algorithm wrapping the content key under the agreed one, {@code kw-aes256}
   * @param keyDerivation the key derivation, {@code xmlenc11#ConcatKDF}
   * @param derivationDigest the digest of the key derivation, {@code xmlenc#sha256}
   */
  public record KeyAgreement(
      String agreement, String keyWrap, String keyDerivation, String derivationDigest) {}

  /**
   * The plaintext of {@code encryptedData} (an element of its own document), decrypted with the
   * first of {@code keys} that opens it.
   *
   * @throws XMLEncryptionException whatever went wrong, with one message
   */
  public static byte[] decrypt(Element encryptedData, List<BasicX509Credential> keys)
      throws XMLEncryptionException {
    OpenSamlRuntime.ensureInitialized();
    Document document = encryptedData.getOwnerDocument();
    EncryptedData data;
    EncryptedKey encryptedKey;
    try {
      XMLCipher reader = XMLCipher.getInstance();
      reader.init(XMLCipher.DECRYPT_MODE, null);
      data = reader.loadEncryptedData(document, encryptedData);
      encryptedKey = theEncryptedKey(data);
    } catch (Exception e) {
      throw refused();
    }
    if (encryptedKey == null || data.getEncryptionMethod() == null) {
      throw refused();
    }
    boolean agreed = agreementOf(encryptedData).isPresent();
    String contentAlgorithm = data.getEncryptionMethod().getAlgorithm();
    for (BasicX509Credential credential : keys) {
      PrivateKey privateKey = credential.getPrivateKey();
      if (privateKey == null || agreed != (privateKey instanceof ECPrivateKey)) {
        continue;
      }
      try {
        XMLCipher unwrap = XMLCipher.getInstance();
        unwrap.init(XMLCipher.UNWRAP_MODE, privateKey);
        Key contentKey = unwrap.decryptKey(encryptedKey, contentAlgorithm);
        XMLCipher content = XMLCipher.getInstance();
        content.init(XMLCipher.DECRYPT_MODE, contentKey);
        return content.decryptToByteArray(encryptedData);
      } catch (Exception | LinkageError e) {
        // The next key, if any: during a rollover the answer is encrypted to one of them.
      }
    }
    throw refused();
  }

  /**
   * The decrypted element, parsed by {@code parser} in the namespace context of {@code
   * encryptedData} (the plaintext may use prefixes declared on its ancestors), as the root of a
   * document of its own. The signed document around it is not touched.
   *
   * @throws XMLEncryptionException when it cannot be decrypted
   * @throws MalformedSamlException when the plaintext is not one acceptable XML element
   */
  public static Element decryptElement(
      Element encryptedData, List<BasicX509Credential> keys, SamlXmlParser parser)
      throws XMLEncryptionException, MalformedSamlException {
    byte[] plaintext = decrypt(encryptedData, keys);
    StringBuilder open = new StringBuilder("<most-decrypted");
    java.util.Map<String, String> declared = new java.util.LinkedHashMap<>();
    for (org.w3c.dom.Node n = encryptedData.getParentNode();
        n instanceof Element e;
        n = e.getParentNode()) {
      org.w3c.dom.NamedNodeMap attributes = e.getAttributes();
      for (int i = 0; i < attributes.getLength(); i++) {
        org.w3c.dom.Node a = attributes.item(i);
        if ("http://www.w3.org/2000/xmlns/".equals(a.getNamespaceURI())) {
          declared.putIfAbsent(a.getNodeName(), a.getNodeValue());
        }
      }
    }
    declared.forEach(
        (name, value) ->
            open.append(' ')
                .append(name)
                .append("=\"")
                .append(value.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;"))
                .append('"'));
    open.append('>');
    byte[] head = open.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] tail = "</most-decrypted>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    if (startsWithDeclaration(plaintext)) {
      throw new MalformedSamlException("The decrypted assertion carries an XML declaration");
    }
    byte[] wrapped = new byte[head.length + plaintext.length + tail.length];
    System.arraycopy(head, 0, wrapped, 0, head.length);
    System.arraycopy(plaintext, 0, wrapped, head.length, plaintext.length);
    System.arraycopy(tail, 0, wrapped, head.length + plaintext.length, tail.length);
    Element wrapper = parser.parse(wrapped).getDocumentElement();
    Element only = null;
    for (org.w3c.dom.Node n = wrapper.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        if (only != null) {
          throw new MalformedSamlException("The decrypted content is more than one element");
        }
        only = e;
      } else if (n.getNodeType() != org.w3c.dom.Node.TEXT_NODE || !n.getNodeValue().isBlank()) {
        throw new MalformedSamlException("The decrypted content is more than one element");
      }
    }
    if (only == null) {
      throw new MalformedSamlException("The decrypted content holds no element");
    }
    return parser.asNewDocument(only);
  }

  private static boolean startsWithDeclaration(byte[] plaintext) {
    return plaintext.length >= 5
        && new String(plaintext, 0, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("<?xml");
  }

  private static EncryptedKey theEncryptedKey(EncryptedData data) {
    KeyInfo info = data.getKeyInfo();
    if (info == null) {
      return null;
    }
    try {
      return info.itemEncryptedKey(0);
    } catch (Exception e) {
      return null;
    }
  }

  private static XMLEncryptionException refused() {
    return new XMLEncryptionException("empty", "The encrypted assertion cannot be decrypted");
  }
}
