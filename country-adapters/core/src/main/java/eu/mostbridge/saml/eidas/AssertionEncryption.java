package eu.mostbridge.saml.eidas;

import eu.mostbridge.saml.AlgorithmPolicy;
import eu.mostbridge.saml.OpenSamlRuntime;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.apache.xml.security.encryption.EncryptedData;
import org.apache.xml.security.encryption.EncryptedKey;
import org.apache.xml.security.encryption.XMLCipher;
import org.apache.xml.security.encryption.XMLCipherUtil;
import org.apache.xml.security.encryption.XMLEncryptionException;
import org.apache.xml.security.encryption.params.ConcatKDFParams;
import org.apache.xml.security.encryption.params.KeyAgreementParameters;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.keys.KeyInfo;
import org.apache.xml.security.keys.content.X509Data;
import org.apache.xml.security.utils.EncryptionConstants;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Encrypts an assertion in place for one recipient certificate, as the eIDAS Cryptographic
 * Requirements and the EU node 2.9 do: the content with AES-256-GCM under a fresh key; that key
 * transported with {@code xmlenc11#rsa-oaep} (SHA-256 digest, MGF1 with SHA-256) to an RSA
 * certificate, or agreed by ECDH-ES with an ephemeral key, derived with ConcatKDF (SHA-256, each of
 * AlgorithmID, PartyUInfo and PartyVInfo one zero byte, as the EU node writes them) and wrapped
 * with {@code kw-aes256} for an EC certificate. The EncryptedKey travels inside the EncryptedData's
 * KeyInfo; it names the recipient certificate. Santuario does the work: OpenSAML 4.0.1 has no key
 * agreement. {@code rsa-oaep-mgf1p} only for a connector granted it.
 */
public final class AssertionEncryption {
  /** ConcatKDF's bit strings: no padding bits, then one zero byte (EU node 2.9). */
  static final String KDF_INFO = "0000";

  private static final String SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";
  private static final String MGF1_SHA256 = "http://www.w3.org/2009/xmlenc11#mgf1sha256";
  private static final SecureRandom RANDOM = new SecureRandom();

  private AssertionEncryption() {}

  /**
   * Replaces {@code assertion} (an element of {@code document}) by its EncryptedData.
   *
   * @param keyTransport the key transport algorithm the connector declared for this certificate,
   *     {@code xmlenc11#rsa-oaep} unless it declared only mgf1p and was granted it
   */
  public static Element encrypt(
      Document document, Element assertion, X509Certificate recipient, String keyTransport) {
    OpenSamlRuntime.ensureInitialized();
    try {
      KeyGenerator generator = KeyGenerator.getInstance("AES");
      generator.init(256, RANDOM);
      SecretKey contentKey = generator.generateKey();
      EncryptedKey encryptedKey = encryptKey(document, contentKey, recipient, keyTransport);
      if (encryptedKey.getKeyInfo() == null) {
        KeyInfo recipientInfo = new KeyInfo(document);
        recipientInfo.add(certificate(document, recipient));
        encryptedKey.setKeyInfo(recipientInfo);
      }
      XMLCipher cipher = XMLCipher.getInstance(XMLCipher.AES_256_GCM);
      cipher.init(XMLCipher.ENCRYPT_MODE, contentKey);
      EncryptedData encryptedData = cipher.getEncryptedData();
      KeyInfo keyInfo = new KeyInfo(document);
      keyInfo.add(encryptedKey);
      encryptedData.setKeyInfo(keyInfo);
      Element parent = (Element) assertion.getParentNode();
      cipher.doFinal(document, assertion, false);
      Element encrypted = (Element) parent.getFirstChild();
      namingTheRecipient(encrypted, certificate(document, recipient));
      return encrypted;
    } catch (Exception e) {
      throw new IllegalStateException("Encrypting the assertion failed: " + e.getMessage(), e);
    }
  }

  private static X509Data certificate(Document document, X509Certificate recipient)
      throws XMLSecurityException {
    X509Data data = new X509Data(document);
    data.addCertificate(recipient);
    return data;
  }

  /**
   * Puts the recipient's certificate in the key agreement's {@code RecipientKeyInfo}, which
   * Santuario leaves empty: the EU node's connector finds its decryption key by it.
   */
  private static void namingTheRecipient(Element encryptedData, X509Data certificate) {
    org.w3c.dom.NodeList infos =
        encryptedData.getElementsByTagNameNS(
            EncryptionConstants.EncryptionSpecNS, "RecipientKeyInfo");
    for (int i = 0; i < infos.getLength(); i++) {
      Element info = (Element) infos.item(i);
      while (info.getFirstChild() != null) {
        info.removeChild(info.getFirstChild());
      }
      info.appendChild(certificate.getElement());
    }
  }

  /** The key transport to use for {@code recipient} under {@code algorithms}, or empty. */
  public static java.util.Optional<String> keyTransportFor(
      ConnectorPeer.EncryptionKey recipient, AlgorithmPolicy algorithms) {
    PublicKey key = recipient.certificate().getPublicKey();
    if (key instanceof ECPublicKey) {
      return algorithms.allowsSigningKey(key)
          ? java.util.Optional.of(AlgorithmPolicy.ECDH_ES)
          : java.util.Optional.empty();
    }
    if (!(key instanceof RSAPublicKey) || !algorithms.allowsSigningKey(key)) {
      return java.util.Optional.empty();
    }
    boolean onlyMgf1p =
        recipient.algorithms().contains(AlgorithmPolicy.RSA_OAEP_MGF1P)
            && !recipient.algorithms().contains(AlgorithmPolicy.RSA_OAEP);
    if (onlyMgf1p) {
      return algorithms.allowsKeyTransport(AlgorithmPolicy.RSA_OAEP_MGF1P)
          ? java.util.Optional.of(AlgorithmPolicy.RSA_OAEP_MGF1P)
          : java.util.Optional.empty();
    }
    return java.util.Optional.of(AlgorithmPolicy.RSA_OAEP);
  }

  private static EncryptedKey encryptKey(
      Document document, SecretKey contentKey, X509Certificate recipient, String keyTransport)
      throws XMLEncryptionException, GeneralSecurityException {
    PublicKey key = recipient.getPublicKey();
    if (AlgorithmPolicy.ECDH_ES.equals(keyTransport)) {
      ConcatKDFParams kdf =
          ConcatKDFParams.createBuilder(256, SHA256)
              .algorithmID(KDF_INFO)
              .partyUInfo(KDF_INFO)
              .partyVInfo(KDF_INFO)
              .build();
      KeyAgreementParameters agreement =
          XMLCipherUtil.constructAgreementParameters(
              AlgorithmPolicy.ECDH_ES, KeyAgreementParameters.ActorType.ORIGINATOR, kdf, null, key);
      XMLCipher wrap = XMLCipher.getInstance(XMLCipher.AES_256_KeyWrap);
      wrap.init(XMLCipher.WRAP_MODE, key);
      return wrap.encryptKey(document, contentKey, agreement, RANDOM);
    }
    if (AlgorithmPolicy.RSA_OAEP_MGF1P.equals(keyTransport)) {
      // XML Encryption 1.0's identifier: MGF1 with SHA-1, and SHA-1 as its default digest, which
      // the stacks that read nothing newer (xmlsec1 1.2, pysaml2) expect.
      XMLCipher wrap = XMLCipher.getInstance(XMLCipher.RSA_OAEP, null, AlgorithmPolicy.SHA1);
      wrap.init(XMLCipher.WRAP_MODE, key);
      return wrap.encryptKey(document, contentKey, null, null, RANDOM);
    }
    XMLCipher wrap = XMLCipher.getInstance(XMLCipher.RSA_OAEP_11, null, SHA256);
    wrap.init(XMLCipher.WRAP_MODE, key);
    return wrap.encryptKey(document, contentKey, MGF1_SHA256, null, RANDOM);
  }
}
