package eu.mostbridge.saml;

import static org.assertj.core.api.Assertions.assertThat;

import eu.mostbridge.saml.AlgorithmPolicy.Relaxation;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AlgorithmPolicyTest {
  @Test
  void theStrictProfileIsEidas() {
    AlgorithmPolicy strict = AlgorithmPolicy.eidasStrict();

    assertThat(strict.isStrict()).isTrue();
    assertThat(strict.allowsSignature(AlgorithmPolicy.RSA_PSS_SHA256)).isTrue();
    assertThat(strict.allowsSignature(AlgorithmPolicy.ECDSA_SHA256)).isTrue();
    assertThat(strict.allowsSignature(AlgorithmPolicy.RSA_SHA256)).isFalse();
    assertThat(strict.allowsSignature(AlgorithmPolicy.RSA_SHA1)).isFalse();
    assertThat(strict.allowsDigest(AlgorithmPolicy.SHA256)).isTrue();
    assertThat(strict.allowsDigest(AlgorithmPolicy.SHA1)).isFalse();
    assertThat(strict.allowsDataEncryption(AlgorithmPolicy.AES256_GCM)).isTrue();
    assertThat(strict.allowsDataEncryption(AlgorithmPolicy.AES128_CBC)).isFalse();
    assertThat(strict.allowsKeyTransport(AlgorithmPolicy.RSA_OAEP)).isTrue();
    assertThat(strict.allowsKeyTransport(AlgorithmPolicy.RSA_OAEP_MGF1P)).isFalse();
    assertThat(strict.allowsKeyTransport(AlgorithmPolicy.RSA_1_5)).isFalse();
    assertThat(strict.allowsSignature(null)).isFalse();
    assertThat(strict.toString()).isEqualTo("eIDAS strict");
  }

  @Test
  void eachRelaxationAdmitsOnlyItsOwnAlgorithms() {
    AlgorithmPolicy sha1 =
        AlgorithmPolicy.eidasStrict().relaxedBy(Set.of(Relaxation.SHA1_SIGNATURE));

    assertThat(sha1.allowsSignature(AlgorithmPolicy.RSA_SHA1)).isTrue();
    assertThat(sha1.allowsDigest(AlgorithmPolicy.SHA1)).isTrue();
    assertThat(sha1.allowsSignature(AlgorithmPolicy.RSA_SHA256)).isFalse();
    assertThat(sha1.allowsDataEncryption(AlgorithmPolicy.AES128_CBC)).isFalse();
    assertThat(sha1.toString()).contains("SHA1_SIGNATURE");
  }

  @Test
  void rsa15IsNeverAdmitted() {
    AlgorithmPolicy everything =
        AlgorithmPolicy.eidasStrict().relaxedBy(EnumSet.allOf(Relaxation.class));

    assertThat(everything.allowsKeyTransport(AlgorithmPolicy.RSA_1_5)).isFalse();
    assertThat(everything.signatureAlgorithms()).contains(AlgorithmPolicy.RSA_SHA1);
  }
}
