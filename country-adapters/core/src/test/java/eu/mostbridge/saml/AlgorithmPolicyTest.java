package eu.mostbridge.saml;

import static org.assertj.core.api.Assertions.assertThat;

import eu.mostbridge.saml.AlgorithmPolicy.Relaxation;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AlgorithmPolicyTest {
  @Test
  void keyAgreementIsEcdhEsWithConcatKdfOverSha2AndAes128Or256KeyWrap() {
    AlgorithmPolicy strict = AlgorithmPolicy.eidasStrict();
    String kw192 = "http://www.w3.org/2001/04/xmlenc#kw-aes192";

    assertThat(
            strict.allowsKeyAgreement(
                AlgorithmPolicy.ECDH_ES,
                AlgorithmPolicy.KW_AES256,
                AlgorithmPolicy.CONCAT_KDF,
                AlgorithmPolicy.SHA256))
        .isTrue();
    assertThat(
            strict.allowsKeyAgreement(
                AlgorithmPolicy.ECDH_ES, kw192, AlgorithmPolicy.CONCAT_KDF, AlgorithmPolicy.SHA256))
        .isFalse();
    assertThat(
            strict.allowsKeyAgreement(
                AlgorithmPolicy.ECDH_ES,
                AlgorithmPolicy.KW_AES128,
                AlgorithmPolicy.CONCAT_KDF,
                AlgorithmPolicy.SHA1))
        .isFalse();
    assertThat(
            strict.allowsKeyAgreement(
                AlgorithmPolicy.ECDH_ES,
                AlgorithmPolicy.KW_AES128,
                "http://www.w3.org/2009/xmlenc11#pbkdf2",
                AlgorithmPolicy.SHA256))
        .isFalse();
  }

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
  void signingKeysMustBeEidasStrongUnlessRsa2048IsGranted() throws Exception {
    java.security.KeyPairGenerator rsa = java.security.KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    java.security.PublicKey rsa2048 = rsa.generateKeyPair().getPublic();
    rsa.initialize(1024);
    java.security.PublicKey rsa1024 = rsa.generateKeyPair().getPublic();
    AlgorithmPolicy strict = AlgorithmPolicy.eidasStrict();
    AlgorithmPolicy relaxed = strict.relaxedBy(Set.of(Relaxation.RSA_2048_KEYS));

    assertThat(strict.allowsSigningKey(TestKeys.IDP_RSA.getPublicKey())).as("3072").isTrue();
    assertThat(strict.allowsSigningKey(TestKeys.IDP_EC.getPublicKey())).as("P-256").isTrue();
    assertThat(strict.allowsSigningKey(rsa2048)).isFalse();
    assertThat(relaxed.allowsSigningKey(rsa2048)).isTrue();
    assertThat(relaxed.allowsSigningKey(rsa1024)).as("never below 2048").isFalse();
  }

  @Test
  void rsa15IsNeverAdmitted() {
    AlgorithmPolicy everything =
        AlgorithmPolicy.eidasStrict().relaxedBy(EnumSet.allOf(Relaxation.class));

    assertThat(everything.allowsKeyTransport(AlgorithmPolicy.RSA_1_5)).isFalse();
    assertThat(everything.signatureAlgorithms()).contains(AlgorithmPolicy.RSA_SHA1);
  }
}
