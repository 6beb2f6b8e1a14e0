package eu.mostbridge.simulator;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A private key with its self-signed certificate, made fresh for a simulator run.
 *
 * @param privateKey the private key
 * @param certificate the self-signed certificate of its public key
 */
public record SimulatorKeys(PrivateKey privateKey, X509Certificate certificate) {
  /** RSA 3072, the eIDAS minimum. */
  public static SimulatorKeys rsa(String commonName) {
    return rsa(commonName, 3072);
  }

  /** RSA of {@code bits} (eAuth's own certificate is RSA-2048). */
  public static SimulatorKeys rsa(String commonName, int bits) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(bits);
      return selfSigned(commonName, generator.generateKeyPair(), "SHA256withRSA");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** ECDSA on P-256. */
  public static SimulatorKeys ec(String commonName) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return selfSigned(commonName, generator.generateKeyPair(), "SHA256withECDSA");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static SimulatorKeys selfSigned(String commonName, KeyPair pair, String algorithm) {
    try {
      X500Name name = new X500Name("CN=" + commonName.replaceAll("[,+=\"\\\\<>;]", " "));
      Instant now = Instant.now();
      X509Certificate certificate =
          new JcaX509CertificateConverter()
              .getCertificate(
                  new JcaX509v3CertificateBuilder(
                          name,
                          BigInteger.valueOf(now.toEpochMilli()),
                          Date.from(now.minus(Duration.ofDays(1))),
                          Date.from(now.plus(Duration.ofDays(365))),
                          name,
                          pair.getPublic())
                      .build(new JcaContentSignerBuilder(algorithm).build(pair.getPrivate())));
      return new SimulatorKeys(pair.getPrivate(), certificate);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }
}
