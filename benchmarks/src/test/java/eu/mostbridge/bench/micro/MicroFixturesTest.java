package eu.mostbridge.bench.micro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import eu.mostbridge.adapter.AuthenticationFailure;
import eu.mostbridge.adapter.AuthenticationFailure.Reason;
import eu.mostbridge.identity.CommonIdentity;
import eu.mostbridge.identity.Gender;
import eu.mostbridge.identity.LevelOfAssurance;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks that each micro benchmark's one operation is the successful path it claims to measure,
 * with the fixtures the benchmarks build (small pools): a benchmark that timed an early refusal
 * would report a flattering figure.
 */
class MicroFixturesTest {
  static {
    // As the benchmarks' forks do: no delayed-ACK stalls on the simulators' JDK HTTP server.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  /** What the adapters make of the synthetic personas the fixtures log in as. */
  private static void assertPersona(String eid, CommonIdentity identity) {
    if (eid.startsWith("bg-")) {
      assertThat(identity.personIdentifier().toEidasForm()).isEqualTo("BG/MK/8703141379");
      assertThat(identity.givenName().latin()).isEqualTo("Maria Shtereva");
      assertThat(identity.familyName().latin()).isEqualTo("Petrova");
      assertThat(identity.dateOfBirth()).isEqualTo(LocalDate.of(1987, 3, 14));
      assertThat(identity.gender()).contains(Gender.FEMALE);
    } else {
      assertThat(identity.personIdentifier().toEidasForm()).isEqualTo("MK/BG/1205990451235");
      assertThat(identity.givenName().latin()).isEqualTo("Gjorgji");
      assertThat(identity.familyName().latin()).isEqualTo("Djambazovski");
      assertThat(identity.dateOfBirth()).isEqualTo(LocalDate.of(1990, 5, 12));
      assertThat(identity.gender()).contains(Gender.MALE);
    }
    assertThat(identity.levelOfAssurance()).isEqualTo(LevelOfAssurance.SUBSTANTIAL);
  }

  @ParameterizedTest
  @ValueSource(strings = {"bg-eauth", "mk-eid-saml"})
  void theSamlBenchmarkValidatesStrictAnswersAgainAndAgain(String eid) throws Exception {
    SamlAnswerBenchmark benchmark = new SamlAnswerBenchmark();
    benchmark.eid = eid;
    benchmark.poolSize = 3;
    benchmark.start();
    try {
      assertThat(benchmark.adapter().relaxations()).as("the strict profile").isEmpty();
      assertThat(benchmark.pool()).hasSize(3);
      assertThat(benchmark.pool().stream().map(l -> l.pending().correlationId()).distinct())
          .as("distinct logins")
          .hasSize(3);
      // Round the pool twice: each answer must validate every time it comes back.
      for (int i = 0; i < 7; i++) {
        assertPersona(eid, benchmark.complete());
      }
    } finally {
      benchmark.stop();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"bg-mvr-eid", "mk-eid"})
  void theOidcBenchmarksCompleteAndValidateRealAnswers(String eid) throws Exception {
    NationalIdTokenBenchmark benchmark = new NationalIdTokenBenchmark();
    NationalIdTokenBenchmark.LoginProvider logins = new NationalIdTokenBenchmark.LoginProvider();
    logins.eid = eid;
    logins.setUp();
    try {
      NationalIdTokenBenchmark.FreshAnswer fresh = new NationalIdTokenBenchmark.FreshAnswer();
      for (int i = 0; i < 2; i++) {
        fresh.login(logins);
        assertPersona(eid, benchmark.completeOverHttp(logins, fresh));
      }
      AuthenticationFailure replayed =
          catchThrowableOfType(
              AuthenticationFailure.class, () -> benchmark.completeOverHttp(logins, fresh));
      assertThat(replayed.reason()).as("a real, one-time answer").isEqualTo(Reason.REPLAYED);
    } finally {
      logins.tearDown();
    }

    NationalIdTokenBenchmark.TokenIssuer provider = new NationalIdTokenBenchmark.TokenIssuer();
    provider.eid = eid;
    provider.tokenPoolSize = 2;
    provider.setUp();
    try {

      for (int i = 0; i < 4; i++) {
        assertPersona(eid, benchmark.validateIdToken(provider));
      }
      SignedJWT token = SignedJWT.parse(provider.tokens.get(0).serialized());
      assertThat(token.getHeader().getAlgorithm().getName())
          .isEqualTo(eid.equals("bg-mvr-eid") ? "RS256" : "ES256");

      // The validation really checks: the nonce of another login is refused.
      NationalIdTokenBenchmark.IssuedToken crossed =
          new NationalIdTokenBenchmark.IssuedToken(
              provider.tokens.get(0).serialized(), provider.tokens.get(1).pending());
      assertThatThrownBy(() -> NationalIdTokenBenchmark.validate(provider, crossed))
          .isInstanceOf(BadJWTException.class)
          .hasMessageContaining("nonce");
    } finally {
      provider.tearDown();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ES256", "PS256", "RS256"})
  void theSigningBenchmarkMakesTokensThatVerify(String algorithm) throws Exception {
    IdTokenSigningBenchmark benchmark = new IdTokenSigningBenchmark();
    benchmark.algorithm = algorithm;
    benchmark.setUp();

    SignedJWT jwt = SignedJWT.parse(benchmark.sign());

    assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo(algorithm);
    assertThat(jwt.getHeader().getKeyID()).isEqualTo(benchmark.key.getKeyID());
    assertThat(jwt.getHeader().getType().getType()).isEqualTo("JWT");
    assertThat(jwt.verify(verifier(benchmark.key.toPublicJWK()))).as("own key").isTrue();
    JWK stranger =
        algorithm.equals("ES256")
            ? new ECKeyGenerator(Curve.P_256).generate()
            : new RSAKeyGenerator(2048).generate();
    assertThat(SignedJWT.parse(jwt.serialize()).verify(verifier(stranger.toPublicJWK())))
        .as("another key")
        .isFalse();
    JWTClaimsSet claims = jwt.getJWTClaimsSet();
    assertThat(claims.getIssuer()).isEqualTo(IdTokenSigningBenchmark.ISSUER);
    assertThat(claims.getAudience()).containsExactly(IdTokenSigningBenchmark.CLIENT_ID);
    assertThat(
            Duration.between(
                claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
        .isEqualTo(Duration.ofMinutes(5));
    assertThat(claims.getSubject()).as("pairwise: base64url of HMAC-SHA-256").hasSize(43);
    assertThat(claims.getStringClaim("nonce")).isNotBlank();
    assertThat(claims.getStringClaim("person_identifier")).isEqualTo("BG/MK/8703141379");
    assertThat(claims.getStringClaim("given_name")).isEqualTo("Maria Shtereva");
    assertThat(claims.getStringClaim("given_name#bg-Cyrl")).isEqualTo("Мария Щерева");
    assertThat(claims.getStringClaim("family_name#bg-Cyrl")).isEqualTo("Петрова");
    assertThat(claims.getStringClaim("acr")).isEqualTo(LevelOfAssurance.SUBSTANTIAL.uri());
    assertThat(claims.getStringListClaim("amr")).containsExactly("bg-eauth");
    assertThat(claims.getClaims())
        .containsKeys("birthdate", "gender", "auth_time", "iat", "exp", "sub");
  }

  private static JWSVerifier verifier(JWK publicKey) throws Exception {
    return publicKey instanceof ECKey ec
        ? new ECDSAVerifier(ec)
        : new RSASSAVerifier((RSAKey) publicKey);
  }

  @Test
  void theCryptoBaselineOperationsSucceed() throws GeneralSecurityException {
    CryptoBaseline crypto = new CryptoBaseline();
    crypto.setUp();

    assertThat(crypto.rs256Verify2048()).isTrue();
    assertThat(crypto.pssVerify3072()).isTrue();
    assertThat(crypto.es256Verify()).isTrue();
    assertThat(crypto.oaepUnwrap3072().getEncoded()).isEqualTo(crypto.contentKey.getEncoded());
    assertThat(crypto.contentKey.getEncoded()).hasSize(32);
    assertThat(crypto.aesGcmDecrypt4k()).isEqualTo(crypto.message).hasSize(4096);
    assertThat(verifies("SHA256withECDSA", crypto.p256.getPublic(), crypto, crypto.es256Sign()))
        .isTrue();
    assertThat(verifies("RSASSA-PSS", crypto.rsa2048.getPublic(), crypto, crypto.ps256Sign2048()))
        .isTrue();
    assertThat(
            verifies("SHA256withRSA", crypto.rsa2048.getPublic(), crypto, crypto.rs256Sign2048()))
        .isTrue();

    // The verifications really check: a changed message is refused.
    crypto.message = Arrays.copyOf(crypto.message, crypto.message.length);
    crypto.message[100] ^= 1;
    assertThat(crypto.rs256Verify2048()).isFalse();
    assertThat(crypto.pssVerify3072()).isFalse();
    crypto.signingInput = Arrays.copyOf(crypto.signingInput, crypto.signingInput.length);
    crypto.signingInput[7] ^= 1;
    assertThat(crypto.es256Verify()).isFalse();
  }

  private static boolean verifies(
      String algorithm, PublicKey key, CryptoBaseline crypto, byte[] signature)
      throws GeneralSecurityException {
    Signature verifier = Signature.getInstance(algorithm);
    if (algorithm.equals("RSASSA-PSS")) {
      verifier.setParameter(CryptoBaseline.PSS_SHA256);
    }
    verifier.initVerify(key);
    verifier.update(crypto.signingInput);
    return verifier.verify(signature);
  }

  @Test
  void everyBenchmarkIsRegisteredForTheRunner() throws IOException {
    String list;
    try (InputStream in =
        MicroBenchmarks.class.getClassLoader().getResourceAsStream("META-INF/BenchmarkList")) {
      assertThat(in).as("the JMH annotation processor ran").isNotNull();
      list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    for (String method :
        List.of(
            "SamlAnswerBenchmark_complete",
            "NationalIdTokenBenchmark_completeOverHttp",
            "NationalIdTokenBenchmark_validateIdToken",
            "IdTokenSigningBenchmark_sign",
            "CryptoBaseline_rs256Verify2048",
            "CryptoBaseline_pssVerify3072",
            "CryptoBaseline_oaepUnwrap3072",
            "CryptoBaseline_aesGcmDecrypt4k",
            "CryptoBaseline_es256Sign",
            "CryptoBaseline_ps256Sign2048",
            "CryptoBaseline_rs256Sign2048")) {
      assertThat(list).contains("eu.mostbridge.bench.micro.jmh_generated." + method + "_jmhTest");
    }
  }
}
