package eu.mostbridge.saml;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
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
import org.opensaml.security.x509.BasicX509Credential;

/** Key pairs with self-signed certificates for tests, made once per JVM (RSA 3072 is slow). */
final class TestKeys {
  static final BasicX509Credential IDP_RSA = rsa("CN=Test IdP");
  static final BasicX509Credential IDP_EC = ec("CN=Test IdP EC");
  static final BasicX509Credential ROLLED_OVER = rsa("CN=Test IdP retired key");
  static final BasicX509Credential OTHER_IDP = rsa("CN=Another IdP");
  static final BasicX509Credential SP_SIGNING = rsa("CN=Most SP signing");
  static final BasicX509Credential SP_ENCRYPTION = rsa("CN=Most SP encryption");
  static final BasicX509Credential ATTACKER = rsa("CN=Attacker");

  private TestKeys() {}

  static BasicX509Credential rsa(String subject) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(3072);
      return credential(subject, generator.generateKeyPair(), "SHA256withRSA");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static BasicX509Credential ec(String subject) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return credential(subject, generator.generateKeyPair(), "SHA256withECDSA");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static BasicX509Credential credential(String subject, KeyPair pair, String algorithm) {
    try {
      X500Name name = new X500Name(subject);
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
      return new BasicX509Credential(certificate, pair.getPrivate());
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }
}
