package eu.mostbridge.simulator.xml;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * XML Encryption 1.1 key agreement with plain JCA, as the EU node's ProxyService writes it for an
 * EC encryption certificate: an ephemeral key on the recipient's curve, ECDH, ConcatKDF (NIST SP
 * 800-56A) with SHA-256 over a counter, the shared secret and AlgorithmID, PartyUInfo and
 * PartyVInfo of one zero byte each, giving an AES-256 key that wraps the content key ({@code
 * kw-aes256}).
 */
final class EcdhEs {
  private static final String XENC = "http://www.w3.org/2001/04/xmlenc#";
  private static final String XENC11 = "http://www.w3.org/2009/xmlenc11#";
  private static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";
  private static final String DSIG11 = "http://www.w3.org/2009/xmldsig11#";

  /** A bit string of no padding bits and one zero byte, as XML Encryption 1.1 writes it in hex. */
  private static final String ZERO_BYTE = "0000";

  private EcdhEs() {}

  static Element encryptedKey(Document document, SecretKey contentKey, X509Certificate recipient)
      throws GeneralSecurityException {
    if (!(recipient.getPublicKey() instanceof ECPublicKey recipientKey)) {
      throw new IllegalArgumentException("ECDH-ES needs an EC recipient certificate");
    }
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(recipientKey.getParams());
    KeyPair ephemeral = generator.generateKeyPair();
    KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
    agreement.init(ephemeral.getPrivate());
    agreement.doPhase(recipientKey, true);
    byte[] shared = agreement.generateSecret();
    byte[] kek = concatKdf(shared, new byte[] {0, 0, 0}, 32);
    Cipher wrap = Cipher.getInstance("AESWrap");
    wrap.init(Cipher.WRAP_MODE, new SecretKeySpec(kek, "AES"));
    byte[] wrapped = wrap.wrap(contentKey);

    Element encryptedKey = document.createElementNS(XENC, "xenc:EncryptedKey");
    Xml.child(encryptedKey, XENC, "xenc:EncryptionMethod")
        .setAttribute("Algorithm", XENC + "kw-aes256");
    Element keyInfo = Xml.child(encryptedKey, DSIG, "ds:KeyInfo");
    Element method = Xml.child(keyInfo, XENC, "xenc:AgreementMethod");
    method.setAttribute("Algorithm", XENC11 + "ECDH-ES");
    Element derivation = Xml.child(method, XENC11, "xenc11:KeyDerivationMethod");
    derivation.setAttribute("Algorithm", XENC11 + "ConcatKDF");
    Element params = Xml.child(derivation, XENC11, "xenc11:ConcatKDFParams");
    params.setAttribute("AlgorithmID", ZERO_BYTE);
    params.setAttribute("PartyUInfo", ZERO_BYTE);
    params.setAttribute("PartyVInfo", ZERO_BYTE);
    Xml.child(params, DSIG, "ds:DigestMethod").setAttribute("Algorithm", XENC + "sha256");
    Element originator = Xml.child(method, XENC, "xenc:OriginatorKeyInfo");
    Element value = Xml.child(originator, DSIG, "ds:KeyValue");
    Element ec = Xml.child(value, DSIG11, "dsig11:ECKeyValue");
    Xml.child(ec, DSIG11, "dsig11:NamedCurve").setAttribute("URI", "urn:oid:1.2.840.10045.3.1.7");
    Xml.child(
        ec,
        DSIG11,
        "dsig11:PublicKey",
        Base64.getEncoder().encodeToString(uncompressed((ECPublicKey) ephemeral.getPublic())));
    Element recipientInfo = Xml.child(method, XENC, "xenc:RecipientKeyInfo");
    Element data = Xml.child(recipientInfo, DSIG, "ds:X509Data");
    try {
      Xml.child(
          data,
          DSIG,
          "ds:X509Certificate",
          Base64.getEncoder().encodeToString(recipient.getEncoded()));
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
    Element cipherData = Xml.child(encryptedKey, XENC, "xenc:CipherData");
    Xml.child(cipherData, XENC, "xenc:CipherValue", Base64.getEncoder().encodeToString(wrapped));
    return encryptedKey;
  }

  /** ConcatKDF with SHA-256: rounds of SHA-256(counter || Z || OtherInfo) until enough bytes. */
  static byte[] concatKdf(byte[] shared, byte[] otherInfo, int length)
      throws GeneralSecurityException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int counter = 1; out.size() < length; counter++) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(
          new byte[] {
            (byte) (counter >>> 24), (byte) (counter >>> 16), (byte) (counter >>> 8), (byte) counter
          });
      sha.update(shared);
      sha.update(otherInfo);
      out.writeBytes(sha.digest());
    }
    return Arrays.copyOf(out.toByteArray(), length);
  }

  /** The point as X9.62 writes it uncompressed: 04, then X and Y at the field's length. */
  private static byte[] uncompressed(ECPublicKey key) {
    int size = (key.getParams().getCurve().getField().getFieldSize() + 7) / 8;
    byte[] point = new byte[1 + 2 * size];
    point[0] = 4;
    copy(key.getW().getAffineX(), point, 1, size);
    copy(key.getW().getAffineY(), point, 1 + size, size);
    return point;
  }

  private static void copy(BigInteger value, byte[] into, int offset, int size) {
    byte[] bytes = value.toByteArray();
    int start = Math.max(0, bytes.length - size);
    int length = bytes.length - start;
    System.arraycopy(bytes, start, into, offset + size - length, length);
  }
}
