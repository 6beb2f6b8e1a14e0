package eu.mostbridge.simulator.xml;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * XML Encryption of one element (W3C XML Encryption 1.1) with plain JCA: a fresh AES key encrypts
 * the element's serialisation; the recipient's RSA key wraps the AES key in an {@code
 * xenc:EncryptedKey} inside the EncryptedData's KeyInfo.
 */
public final class XmlEncryption {
  public static final String AES128_CBC = "http://www.w3.org/2001/04/xmlenc#aes128-cbc";
  public static final String AES256_GCM = "http://www.w3.org/2009/xmlenc11#aes256-gcm";
  public static final String RSA_OAEP_MGF1P = "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p";
  public static final String RSA_OAEP = "http://www.w3.org/2009/xmlenc11#rsa-oaep";

  /** Key agreement for an EC recipient, with ConcatKDF (SHA-256) and AES-256 key wrap. */
  public static final String ECDH_ES = "http://www.w3.org/2009/xmlenc11#ECDH-ES";

  /** Triple DES: obsolete, here only so tests can send it. */
  public static final String TRIPLEDES_CBC = "http://www.w3.org/2001/04/xmlenc#tripledes-cbc";

  /** RSA PKCS#1 v1.5 key transport: broken (Bleichenbacher), here only so tests can send it. */
  public static final String RSA_1_5 = "http://www.w3.org/2001/04/xmlenc#rsa-1_5";

  private static final String XENC = "http://www.w3.org/2001/04/xmlenc#";
  private static final String XENC11 = "http://www.w3.org/2009/xmlenc11#";
  private static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";
  private static final SecureRandom RANDOM = new SecureRandom();

  private XmlEncryption() {}

  /**
   * An {@code xenc:EncryptedData} (Type Element) for {@code plaintext}, owned by {@code document},
   * not yet attached.
   */
  public static Element encrypt(
      Document document,
      byte[] plaintext,
      X509Certificate recipient,
      String dataAlgorithm,
      String keyTransport) {
    try {
      boolean gcm = AES256_GCM.equals(dataAlgorithm);
      boolean tripleDes = TRIPLEDES_CBC.equals(dataAlgorithm);
      KeyGenerator generator = KeyGenerator.getInstance(tripleDes ? "DESede" : "AES");
      generator.init(tripleDes ? 168 : gcm ? 256 : 128);
      SecretKey key = generator.generateKey();
      byte[] cipherValue;
      if (gcm) {
        byte[] iv = new byte[12];
        RANDOM.nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
        cipherValue = concat(iv, cipher.doFinal(plaintext));
      } else if (tripleDes) {
        byte[] iv = new byte[8];
        RANDOM.nextBytes(iv);
        Cipher cipher = Cipher.getInstance("DESede/CBC/PKCS5Padding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
        cipherValue = concat(iv, cipher.doFinal(plaintext));
      } else if (AES128_CBC.equals(dataAlgorithm)) {
        byte[] iv = new byte[16];
        RANDOM.nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
        cipherValue = concat(iv, cipher.doFinal(plaintext));
      } else {
        throw new IllegalArgumentException("Unsupported data encryption " + dataAlgorithm);
      }
      if (ECDH_ES.equals(keyTransport)) {
        return envelope(
            document, dataAlgorithm, EcdhEs.encryptedKey(document, key, recipient), cipherValue);
      }
      Cipher wrap;
      if (RSA_OAEP.equals(keyTransport)) {
        wrap = Cipher.getInstance("RSA/ECB/OAEPPadding");
        wrap.init(
            Cipher.ENCRYPT_MODE,
            recipient.getPublicKey(),
            new OAEPParameterSpec(
                "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
      } else if (RSA_OAEP_MGF1P.equals(keyTransport)) {
        wrap = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
        wrap.init(Cipher.ENCRYPT_MODE, recipient.getPublicKey());
      } else if (RSA_1_5.equals(keyTransport)) {
        wrap = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        wrap.init(Cipher.ENCRYPT_MODE, recipient.getPublicKey());
      } else {
        throw new IllegalArgumentException("Unsupported key transport " + keyTransport);
      }
      byte[] wrappedKey = wrap.doFinal(key.getEncoded());

      Element encryptedKey = document.createElementNS(XENC, "xenc:EncryptedKey");
      Element keyMethod = Xml.child(encryptedKey, XENC, "xenc:EncryptionMethod");
      keyMethod.setAttribute("Algorithm", keyTransport);
      if (RSA_OAEP.equals(keyTransport)) {
        Xml.child(keyMethod, DSIG, "ds:DigestMethod")
            .setAttribute("Algorithm", "http://www.w3.org/2001/04/xmlenc#sha256");
        Xml.child(keyMethod, XENC11, "xenc11:MGF")
            .setAttribute("Algorithm", "http://www.w3.org/2009/xmlenc11#mgf1sha256");
      } else {
        Xml.child(keyMethod, DSIG, "ds:DigestMethod")
            .setAttribute("Algorithm", "http://www.w3.org/2000/09/xmldsig#sha1");
      }
      Element keyCipherData = Xml.child(encryptedKey, XENC, "xenc:CipherData");
      Xml.child(
          keyCipherData, XENC, "xenc:CipherValue", Base64.getEncoder().encodeToString(wrappedKey));
      return envelope(document, dataAlgorithm, encryptedKey, cipherValue);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Encryption failed", e);
    }
  }

  /** The EncryptedData around {@code cipherValue}, its key in its KeyInfo. */
  private static Element envelope(
      Document document, String dataAlgorithm, Element encryptedKey, byte[] cipherValue) {
    Element data = document.createElementNS(XENC, "xenc:EncryptedData");
    data.setAttribute("Type", XENC + "Element");
    Element method = Xml.child(data, XENC, "xenc:EncryptionMethod");
    method.setAttribute("Algorithm", dataAlgorithm);
    Element keyInfo = Xml.child(data, DSIG, "ds:KeyInfo");
    keyInfo.appendChild(encryptedKey);
    Element cipherData = Xml.child(data, XENC, "xenc:CipherData");
    Xml.child(
        cipherData, XENC, "xenc:CipherValue", Base64.getEncoder().encodeToString(cipherValue));
    return data;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = new byte[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
