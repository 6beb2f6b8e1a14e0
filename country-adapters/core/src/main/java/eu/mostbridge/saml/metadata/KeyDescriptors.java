package eu.mostbridge.saml.metadata;

import eu.mostbridge.saml.SamlMessages;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import org.opensaml.saml.saml2.metadata.EncryptionMethod;
import org.opensaml.saml.saml2.metadata.KeyDescriptor;
import org.opensaml.security.credential.UsageType;
import org.opensaml.xmlsec.signature.KeyInfo;
import org.opensaml.xmlsec.signature.X509Data;

/** The KeyDescriptor of every metadata Most writes: one certificate, its use, its algorithms. */
public final class KeyDescriptors {
  private KeyDescriptors() {}

  /**
   * A KeyDescriptor of {@code use} holding {@code certificate}, with an EncryptionMethod per
   * algorithm in {@code algorithms} (for an encryption key: what the holder can decrypt).
   */
  public static KeyDescriptor of(
      X509Certificate certificate, UsageType use, List<String> algorithms) {
    KeyDescriptor descriptor =
        SamlMessages.build(KeyDescriptor.DEFAULT_ELEMENT_NAME, KeyDescriptor.class);
    descriptor.setUse(use);
    KeyInfo keyInfo = SamlMessages.build(KeyInfo.DEFAULT_ELEMENT_NAME, KeyInfo.class);
    X509Data data = SamlMessages.build(X509Data.DEFAULT_ELEMENT_NAME, X509Data.class);
    org.opensaml.xmlsec.signature.X509Certificate value =
        SamlMessages.build(
            org.opensaml.xmlsec.signature.X509Certificate.DEFAULT_ELEMENT_NAME,
            org.opensaml.xmlsec.signature.X509Certificate.class);
    try {
      value.setValue(Base64.getEncoder().encodeToString(certificate.getEncoded()));
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("A certificate cannot be encoded", e);
    }
    data.getX509Certificates().add(value);
    keyInfo.getX509Datas().add(data);
    descriptor.setKeyInfo(keyInfo);
    for (String algorithm : algorithms) {
      EncryptionMethod method =
          SamlMessages.build(EncryptionMethod.DEFAULT_ELEMENT_NAME, EncryptionMethod.class);
      method.setAlgorithm(algorithm);
      descriptor.getEncryptionMethods().add(method);
    }
    return descriptor;
  }

  /**
   * The certificates of a peer's {@code key}, each one's key strong enough for {@code policy}.
   *
   * @throws MetadataException when a certificate cannot be read or its key is too weak
   */
  public static List<X509Certificate> certificates(
      KeyDescriptor key, eu.mostbridge.saml.AlgorithmPolicy policy) throws MetadataException {
    if (key.getKeyInfo() == null) {
      return List.of();
    }
    List<X509Certificate> certificates;
    try {
      certificates = org.opensaml.xmlsec.keyinfo.KeyInfoSupport.getCertificates(key.getKeyInfo());
    } catch (java.security.cert.CertificateException e) {
      throw new MetadataException("A certificate in the metadata cannot be read");
    }
    for (X509Certificate certificate : certificates) {
      if (!policy.allowsSigningKey(certificate.getPublicKey())) {
        throw new MetadataException(
            "A "
                + (key.getUse() == null
                    ? ""
                    : key.getUse().name().toLowerCase(java.util.Locale.ROOT) + " ")
                + "key in the metadata is too weak (RSA needs 3072 bits or more, EC 256 or more)");
      }
    }
    return certificates;
  }
}
