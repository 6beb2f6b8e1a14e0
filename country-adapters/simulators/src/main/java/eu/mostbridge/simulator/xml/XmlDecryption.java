package eu.mostbridge.simulator.xml;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Decrypts an {@code xenc:EncryptedData} as a connector would, with plain JCA and nothing of
 * Most's: AES-GCM content; the content key either transported with RSA-OAEP (the digest and MGF
 * read from the message) or agreed by ECDH-ES with the originator's ephemeral key, derived with
 * ConcatKDF (NIST SP 800-56A: SHA-256 over a counter, the shared secret and the three bit strings,
 * each written as a padding-bit count byte followed by its bytes) and unwrapped with AES key wrap.
 */
public final class XmlDecryption {
  static final String XENC = "http://www.w3.org/2001/04/xmlenc#";
  static final String XENC11 = "http://www.w3.org/2009/xmlenc11#";
  static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";
  static final String DSIG11 = "http://www.w3.org/2009/xmldsig11#";

  private XmlDecryption() {}

  /**
   * The plaintext element of {@code encryptedData}, parsed.
   *
   * @throws GeneralSecurityException when anything does not decrypt or is not what the profile
   *     allows
   */
  public static Element decrypt(Element encryptedData, PrivateKey key)
      throws GeneralSecurityException {
    String contentAlgorithm = algorithm(encryptedData);
    if (!XmlEncryption.AES256_GCM.equals(contentAlgorithm)
        && !(XENC11 + "aes128-gcm").equals(contentAlgorithm)) {
      throw new GeneralSecurityException("content encryption " + contentAlgorithm + " refused");
    }
    Element keyInfo = child(encryptedData, DSIG, "KeyInfo");
    Element encryptedKey = child(keyInfo, XENC, "EncryptedKey");
    byte[] contentKey = contentKey(encryptedKey, key);
    byte[] value = cipherValue(encryptedData);
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(
        Cipher.DECRYPT_MODE,
        new SecretKeySpec(contentKey, "AES"),
        new GCMParameterSpec(128, value, 0, 12));
    byte[] plaintext = cipher.doFinal(value, 12, value.length - 12);
    try {
      return Xml.parse(plaintext).getDocumentElement();
    } catch (SAXException | IOException e) {
      throw new GeneralSecurityException("the plaintext is not XML", e);
    }
  }

  private static byte[] contentKey(Element encryptedKey, PrivateKey key)
      throws GeneralSecurityException {
    String transport = algorithm(encryptedKey);
    byte[] wrapped = cipherValue(encryptedKey);
    Element method = child(encryptedKey, XENC, "EncryptionMethod");
    if ((XENC11 + "rsa-oaep").equals(transport) || (XENC + "rsa-oaep-mgf1p").equals(transport)) {
      String digest = digestName(attribute(child(method, DSIG, "DigestMethod"), "Algorithm"));
      Element mgf = optionalChild(method, XENC11, "MGF");
      String mgfDigest =
          mgf == null ? "SHA-1" : digestName(attribute(mgf, "Algorithm").replace("mgf1", ""));
      Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
      rsa.init(
          Cipher.DECRYPT_MODE,
          key,
          new OAEPParameterSpec(
              digest, "MGF1", new MGF1ParameterSpec(mgfDigest), PSource.PSpecified.DEFAULT));
      return rsa.doFinal(wrapped);
    }
    if (!(XENC + "kw-aes256").equals(transport) && !(XENC + "kw-aes128").equals(transport)) {
      throw new GeneralSecurityException("key transport " + transport + " refused");
    }
    Element agreement = child(child(encryptedKey, DSIG, "KeyInfo"), XENC, "AgreementMethod");
    if (!(XENC11 + "ECDH-ES").equals(attribute(agreement, "Algorithm"))) {
      throw new GeneralSecurityException("key agreement refused");
    }
    // As the EU node's connector: the recipient is named by its certificate, or nobody knows
    // which key to agree with.
    child(
        child(child(agreement, XENC, "RecipientKeyInfo"), DSIG, "X509Data"),
        DSIG,
        "X509Certificate");
    Element derivation = child(agreement, XENC11, "KeyDerivationMethod");
    if (!(XENC11 + "ConcatKDF").equals(attribute(derivation, "Algorithm"))) {
      throw new GeneralSecurityException("key derivation refused");
    }
    Element parameters = child(derivation, XENC11, "ConcatKDFParams");
    String digest = digestName(attribute(child(parameters, DSIG, "DigestMethod"), "Algorithm"));
    ECPrivateKey ecKey = (ECPrivateKey) key;
    byte[] point =
        Base64.getMimeDecoder()
            .decode(
                child(
                        child(
                            child(child(agreement, XENC, "OriginatorKeyInfo"), DSIG, "KeyValue"),
                            DSIG11,
                            "ECKeyValue"),
                        DSIG11,
                        "PublicKey")
                    .getTextContent()
                    .strip());
    int size = (point.length - 1) / 2;
    if (point[0] != 4) {
      throw new GeneralSecurityException("only uncompressed points");
    }
    ECPoint w =
        new ECPoint(
            new BigInteger(1, Arrays.copyOfRange(point, 1, 1 + size)),
            new BigInteger(1, Arrays.copyOfRange(point, 1 + size, point.length)));
    Key originator =
        KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, ecKey.getParams()));
    KeyAgreement ecdh = KeyAgreement.getInstance("ECDH");
    ecdh.init(key);
    ecdh.doPhase(originator, true);
    byte[] shared = ecdh.generateSecret();
    int bits = transport.endsWith("256") ? 256 : 128;
    ByteArrayOutputStream otherInfo = new ByteArrayOutputStream();
    for (String name : new String[] {"AlgorithmID", "PartyUInfo", "PartyVInfo"}) {
      otherInfo.writeBytes(bitString(parameters.getAttribute(name)));
    }
    byte[] kek = concatKdf(digest, shared, otherInfo.toByteArray(), bits / 8);
    Cipher unwrap = Cipher.getInstance(bits == 256 ? "AESWrap_256" : "AESWrap_128");
    unwrap.init(Cipher.UNWRAP_MODE, new SecretKeySpec(kek, "AES"));
    return unwrap.unwrap(wrapped, "AES", Cipher.SECRET_KEY).getEncoded();
  }

  /** A hexBinary bit string without its leading padding-count byte (which must say 0). */
  static byte[] bitString(String hex) throws GeneralSecurityException {
    if (hex == null || hex.isEmpty()) {
      return new byte[0];
    }
    byte[] bytes = HexFormat.of().parseHex(hex);
    if (bytes[0] != 0) {
      throw new GeneralSecurityException("padded bit strings are not supported");
    }
    return Arrays.copyOfRange(bytes, 1, bytes.length);
  }

  static byte[] concatKdf(String digest, byte[] shared, byte[] otherInfo, int length)
      throws GeneralSecurityException {
    MessageDigest hash = MessageDigest.getInstance(digest);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int counter = 1; out.size() < length; counter++) {
      hash.update(
          new byte[] {
            (byte) (counter >>> 24), (byte) (counter >>> 16), (byte) (counter >>> 8), (byte) counter
          });
      hash.update(shared);
      hash.update(otherInfo);
      out.writeBytes(hash.digest());
    }
    return Arrays.copyOf(out.toByteArray(), length);
  }

  private static String digestName(String uri) throws GeneralSecurityException {
    return switch (uri) {
      case "http://www.w3.org/2000/09/xmldsig#sha1", "http://www.w3.org/2009/xmlenc11#sha1" ->
          "SHA-1";
      case "http://www.w3.org/2001/04/xmlenc#sha256", "http://www.w3.org/2009/xmlenc11#sha256" ->
          "SHA-256";
      case "http://www.w3.org/2001/04/xmldsig-more#sha384",
          "http://www.w3.org/2009/xmlenc11#sha384" ->
          "SHA-384";
      case "http://www.w3.org/2001/04/xmlenc#sha512", "http://www.w3.org/2009/xmlenc11#sha512" ->
          "SHA-512";
      default -> throw new GeneralSecurityException("digest " + uri + " unknown");
    };
  }

  private static String algorithm(Element encrypted) throws GeneralSecurityException {
    return attribute(child(encrypted, XENC, "EncryptionMethod"), "Algorithm");
  }

  private static byte[] cipherValue(Element encrypted) throws GeneralSecurityException {
    return Base64.getMimeDecoder()
        .decode(
            child(child(encrypted, XENC, "CipherData"), XENC, "CipherValue")
                .getTextContent()
                .strip()
                .getBytes(StandardCharsets.US_ASCII));
  }

  private static String attribute(Element element, String name) {
    return element.getAttribute(name);
  }

  static Element child(Element parent, String namespace, String name)
      throws GeneralSecurityException {
    Element found = optionalChild(parent, namespace, name);
    if (found == null) {
      throw new GeneralSecurityException("no " + name + " in " + parent.getLocalName());
    }
    return found;
  }

  private static Element optionalChild(Element parent, String namespace, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e
          && namespace.equals(e.getNamespaceURI())
          && name.equals(e.getLocalName())) {
        return e;
      }
    }
    return null;
  }
}
