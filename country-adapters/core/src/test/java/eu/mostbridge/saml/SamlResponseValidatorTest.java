package eu.mostbridge.saml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import eu.mostbridge.adapter.AuthenticationFailure;
import eu.mostbridge.adapter.AuthenticationFailure.Reason;
import eu.mostbridge.adapter.PendingAuthentication;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.LevelOfAssurance;
import eu.mostbridge.replay.InMemoryReplayCache;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.opensaml.saml.saml2.core.StatusCode;

class SamlResponseValidatorTest {
  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

  private final InMemoryReplayCache replay =
      new InMemoryReplayCache(Clock.fixed(NOW, ZoneOffset.UTC), 1000);
  private final ServiceProviderIdentity sp =
      new ServiceProviderIdentity(
          TestResponses.SP,
          URI.create(TestResponses.ACS),
          TestKeys.SP_SIGNING,
          List.of(TestKeys.SP_ENCRYPTION));
  private final PendingAuthentication pending =
      new PendingAuthentication(
          "bg-eauth",
          "_req1",
          LevelOfAssurance.SUBSTANTIAL,
          CountryCode.MK,
          NOW.plusSeconds(600),
          Map.of());

  private IdentityProviderPeer idp =
      IdentityProviderPeer.strict(
          TestResponses.IDP,
          URI.create("https://idp.test/sso"),
          // a retired RSA key first, as during a rollover
          List.of(
              TestKeys.ROLLED_OVER.getEntityCertificate(),
              TestKeys.IDP_RSA.getEntityCertificate(),
              TestKeys.IDP_EC.getEntityCertificate()));

  private SamlResponseValidator validator() {
    return new SamlResponseValidator(
        sp, idp, replay, Clock.fixed(NOW, ZoneOffset.UTC), new SamlXmlParser());
  }

  private static TestResponses response(Consumer<TestResponses> change) {
    TestResponses r = new TestResponses(NOW);
    change.accept(r);
    return r;
  }

  private AuthenticationFailure refused(String samlResponse) {
    AuthenticationFailure failure =
        catchThrowableOfType(
            AuthenticationFailure.class, () -> validator().validate(samlResponse, pending));
    assertThat(failure).as("refused").isNotNull();
    return failure;
  }

  private void refusedFor(Consumer<TestResponses> change, Reason reason, String message) {
    AuthenticationFailure failure = refused(response(change).base64());
    assertThat(failure.reason()).isEqualTo(reason);
    assertThat(failure.getMessage()).contains(message);
  }

  @Test
  void acceptsAnEncryptedSignedAssertionAndReadsItsAttributes() throws AuthenticationFailure {
    ValidatedAssertion assertion = validator().validate(response(r -> {}).base64(), pending);

    assertThat(assertion.issuer()).isEqualTo(TestResponses.IDP);
    assertThat(assertion.single("urn:test:personIdentifier")).contains("PNOBG-7501020018");
    assertThat(assertion.single("urn:test:personName")).contains("Мария Иванова");
    assertThat(assertion.nameId()).contains("subject-1");
    assertThat(assertion.authnContextClassRefs())
        .containsExactly("urn:oasis:names:tc:SAML:2.0:ac:classes:Password");
    assertThat(assertion.relaxations()).isEmpty();
    assertThat(assertion.toString()).doesNotContain("7501020018");
  }

  @Test
  void acceptsEcdsaSignaturesAndASignedResponseAroundASignedAssertion()
      throws AuthenticationFailure {
    ValidatedAssertion assertion =
        validator()
            .validate(
                response(
                        r -> {
                          r.assertionSigner = TestKeys.IDP_EC;
                          r.assertionSignatureAlgorithm = AlgorithmPolicy.ECDSA_SHA256;
                          r.responseSigner = TestKeys.IDP_RSA;
                        })
                    .base64(),
                pending);

    assertThat(assertion.single("urn:test:personName")).isPresent();
  }

  @Test
  void refusesAnUnsignedAssertion() {
    refusedFor(r -> r.assertionSigner = null, Reason.BAD_SIGNATURE, "not signed");
  }

  @Test
  void aSignedResponseAloneIsEnoughOnlyWhenThePolicySaysSo() throws AuthenticationFailure {
    Consumer<TestResponses> responseSignedOnly =
        r -> {
          r.assertionSigner = null;
          r.responseSigner = TestKeys.IDP_RSA;
        };
    refusedFor(responseSignedOnly, Reason.BAD_SIGNATURE, "not signed");

    idp = idp.withAssertionRequirements(true, false);
    assertThat(validator().validate(response(responseSignedOnly).base64(), pending)).isNotNull();
  }

  @Test
  void refusesASignatureByAnotherIdentityProvidersKey() {
    refusedFor(
        r -> r.assertionSigner = TestKeys.OTHER_IDP, Reason.BAD_SIGNATURE, "does not verify");
  }

  @Test
  void neverTrustsTheKeyInKeyInfo() {
    // The attacker's certificate travels in KeyInfo; only configured keys count.
    refusedFor(r -> r.assertionSigner = TestKeys.ATTACKER, Reason.BAD_SIGNATURE, "does not verify");
  }

  @Test
  void refusesSha1AndPkcs1SignaturesUnderTheStrictPolicy() {
    refusedFor(
        r -> {
          r.assertionSignatureAlgorithm = AlgorithmPolicy.RSA_SHA1;
          r.digestAlgorithm = AlgorithmPolicy.SHA1;
        },
        Reason.BAD_SIGNATURE,
        "refuses");
    refusedFor(
        r -> r.assertionSignatureAlgorithm = AlgorithmPolicy.RSA_SHA256,
        Reason.BAD_SIGNATURE,
        "refuses");
    refusedFor(r -> r.digestAlgorithm = AlgorithmPolicy.SHA1, Reason.BAD_SIGNATURE, "digest");
  }

  @Test
  void acceptsSha1AndAesCbcOnlyForAPeerGrantedThoseRelaxations() throws AuthenticationFailure {
    Consumer<TestResponses> eauthLike =
        r -> {
          r.assertionSignatureAlgorithm = AlgorithmPolicy.RSA_SHA1;
          r.digestAlgorithm = AlgorithmPolicy.SHA1;
          r.dataEncryption = AlgorithmPolicy.AES128_CBC;
          r.keyTransport = AlgorithmPolicy.RSA_OAEP_MGF1P;
          r.responseSigner = TestKeys.IDP_RSA;
          r.responseSignatureAlgorithm = AlgorithmPolicy.RSA_SHA1;
        };
    refusedFor(eauthLike, Reason.BAD_SIGNATURE, "refuse");

    EnumSet<AlgorithmPolicy.Relaxation> granted =
        EnumSet.of(
            AlgorithmPolicy.Relaxation.SHA1_SIGNATURE,
            AlgorithmPolicy.Relaxation.AES_CBC_ENCRYPTION,
            AlgorithmPolicy.Relaxation.RSA_OAEP_MGF1P_KEY_TRANSPORT);
    idp = idp.withAlgorithms(AlgorithmPolicy.eidasStrict().relaxedBy(granted));
    ValidatedAssertion assertion = validator().validate(response(eauthLike).base64(), pending);

    assertThat(assertion.relaxations()).isEqualTo(granted);

    // Without a signed Response around it, a CBC ciphertext is never decrypted (padding oracle).
    refusedFor(
        eauthLike.andThen(r -> r.responseSigner = null),
        Reason.BAD_SIGNATURE,
        "must come in a signed Response");
  }

  @Test
  void everyFailureAfterDecryptionStartsLooksTheSame() {
    AuthenticationFailure wrongKey =
        refused(response(r -> r.encryptTo = TestKeys.ATTACKER).base64());
    assertThat(wrongKey.getMessage())
        .isEqualTo(
            "The encrypted assertion cannot be decrypted with this service's keys or is malformed");
  }

  @Test
  void aForcedReauthenticationNeedsAFreshAuthnInstant() throws AuthenticationFailure {
    PendingAuthentication forced =
        new PendingAuthentication(
            "bg-eauth",
            "_req1",
            LevelOfAssurance.SUBSTANTIAL,
            CountryCode.MK,
            NOW.plusSeconds(600),
            PendingAuthentication.protocolState(Map.of(), true, NOW.minusSeconds(30)));
    AuthenticationFailure stale =
        catchThrowableOfType(
            AuthenticationFailure.class,
            () ->
                validator()
                    .validate(
                        response(r -> r.authnInstant = NOW.minus(Duration.ofMinutes(10))).base64(),
                        forced));
    assertThat(stale.reason()).isEqualTo(Reason.EXPIRED);
    assertThat(stale.getMessage()).contains("did not authenticate again");

    assertThat(
            validator()
                .validate(response(r -> r.authnInstant = NOW.minusSeconds(20)).base64(), forced))
        .isNotNull();
  }

  @Test
  void refusesAesCbcAndRsa15UnderTheStrictPolicy() {
    refusedFor(
        r -> r.dataEncryption = AlgorithmPolicy.AES128_CBC, Reason.BAD_SIGNATURE, "encrypted with");
    refusedFor(
        r -> r.keyTransport = AlgorithmPolicy.RSA_1_5, Reason.BAD_SIGNATURE, "transported with");
  }

  @Test
  void refusesAnAssertionEncryptedToAnotherKey() {
    refusedFor(r -> r.encryptTo = TestKeys.ATTACKER, Reason.BAD_SIGNATURE, "cannot be decrypted");
  }

  @Test
  void aPlainAssertionIsRefusedWhileEncryptionIsRequired() throws AuthenticationFailure {
    refusedFor(r -> r.encryptTo = null, Reason.BAD_SIGNATURE, "not encrypted");

    idp = idp.withAssertionRequirements(false, true);
    assertThat(validator().validate(response(r -> r.encryptTo = null).base64(), pending))
        .isNotNull();
  }

  @Test
  void refusesASecondAssertion() {
    idp = idp.withAssertionRequirements(false, true);
    refusedFor(r -> r.extraPlainAssertions = 1, Reason.MALFORMED_ANSWER, "exactly one assertion");
  }

  @Test
  void refusesAnswersMeantForAnotherPartyOrRequest() {
    refusedFor(r -> r.destination = "https://evil.test/acs", Reason.WRONG_PARTY, "Destination");
    refusedFor(r -> r.destination = null, Reason.WRONG_PARTY, "Destination");
    refusedFor(r -> r.inResponseTo = "_other", Reason.WRONG_PARTY, "another request");
    refusedFor(r -> r.inResponseTo = null, Reason.WRONG_PARTY, "unsolicited");
    refusedFor(r -> r.confirmationInResponseTo = "_other", Reason.WRONG_PARTY, "another request");
    refusedFor(r -> r.recipient = "https://evil.test/acs", Reason.WRONG_PARTY, "Recipient");
    refusedFor(r -> r.audience = "https://evil.test/sp", Reason.WRONG_PARTY, "audience");
    refusedFor(r -> r.responseIssuer = "https://evil.test", Reason.WRONG_PARTY, "Issuer");
    refusedFor(r -> r.assertionIssuer = "https://evil.test", Reason.WRONG_PARTY, "Issuer");
  }

  @Test
  void refusesAnswersOutsideTheirTimeWindowBeyondTheSkew() throws AuthenticationFailure {
    refusedFor(r -> r.notOnOrAfter = NOW.minusSeconds(61), Reason.EXPIRED, "expired");
    refusedFor(r -> r.notBefore = NOW.plusSeconds(61), Reason.EXPIRED, "not yet valid");
    refusedFor(r -> r.confirmationNotOnOrAfter = NOW.minusSeconds(61), Reason.EXPIRED, "expired");
    refusedFor(r -> r.issueInstant = NOW.minus(Duration.ofMinutes(7)), Reason.EXPIRED, "older");
    refusedFor(r -> r.issueInstant = NOW.plusSeconds(120), Reason.EXPIRED, "future");

    // within the 60 s skew
    assertThat(
            validator()
                .validate(response(r -> r.notOnOrAfter = NOW.minusSeconds(59)).base64(), pending))
        .isNotNull();
  }

  @Test
  void refusesTheSameResponseTwiceAndTheSameAssertionInANewResponse() throws AuthenticationFailure {
    TestResponses first = response(r -> {});
    String once = first.base64();
    validator().validate(once, pending);

    assertThat(refused(once).reason()).isEqualTo(Reason.REPLAYED);

    PendingAuthentication next =
        new PendingAuthentication(
            "bg-eauth",
            "_req2",
            LevelOfAssurance.SUBSTANTIAL,
            CountryCode.MK,
            NOW.plusSeconds(600),
            Map.of());
    TestResponses replayedAssertion =
        response(
            r -> {
              r.inResponseTo = "_req2";
              r.confirmationInResponseTo = "_req2";
              r.assertionId = first.assertionId;
            });
    AuthenticationFailure failure =
        catchThrowableOfType(
            AuthenticationFailure.class,
            () -> validator().validate(replayedAssertion.base64(), next));
    assertThat(failure.reason()).isEqualTo(Reason.REPLAYED);
    assertThat(failure.getMessage()).contains("assertion");
  }

  @Test
  void mapsErrorStatusesToTypedReasons() {
    refusedFor(
        r -> {
          r.statusCode = StatusCode.RESPONDER;
          r.secondStatusCode = StatusCode.REQUEST_DENIED;
        },
        Reason.CANCELLED,
        "RequestDenied");
    refusedFor(
        r -> {
          r.statusCode = StatusCode.RESPONDER;
          r.secondStatusCode = StatusCode.AUTHN_FAILED;
        },
        Reason.NATIONAL_ERROR,
        "AuthnFailed");
    refusedFor(
        r -> {
          r.statusCode = StatusCode.RESPONDER;
          r.secondStatusCode = StatusCode.NO_AUTHN_CONTEXT;
        },
        Reason.LEVEL_UNAVAILABLE,
        "NoAuthnContext");
  }

  @Test
  void refusesATamperedAttributeValue() {
    idp = idp.withAssertionRequirements(false, true);
    String xml = response(r -> r.encryptTo = null).xml();
    String tampered = xml.replace("PNOBG-7501020018", "PNOBG-8001010008");
    assertThat(tampered).isNotEqualTo(xml);

    AuthenticationFailure failure = refused(TestResponses.encode(tampered));
    assertThat(failure.reason()).isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void refusesACommentInsideASignedValue() {
    idp = idp.withAssertionRequirements(false, true);
    String xml = response(r -> r.encryptTo = null).xml();
    String commented = xml.replace("PNOBG-7501020018", "PNOBG-7501020018<!---->99");

    AuthenticationFailure failure = refused(TestResponses.encode(commented));
    assertThat(failure.reason()).isEqualTo(Reason.MALFORMED_ANSWER);
    assertThat(failure.getMessage()).contains("comment");
  }

  @Test
  void refusesMalformedTransport() {
    assertThat(refused(null).reason()).isEqualTo(Reason.MALFORMED_ANSWER);
    assertThat(refused("not base64 !!!").reason()).isEqualTo(Reason.MALFORMED_ANSWER);
    assertThat(refused(TestResponses.encode("<a>not saml</a>")).reason())
        .isEqualTo(Reason.MALFORMED_ANSWER);
    assertThat(refused("A".repeat(400_000)).getMessage()).contains("larger");
  }

  @Test
  void refusesADoctypeEvenAroundAValidResponse() {
    idp = idp.withAssertionRequirements(false, true);
    String xml = response(r -> r.encryptTo = null).xml();
    String withDoctype = "<!DOCTYPE r [<!ENTITY x \"y\">]>" + xml;

    assertThat(refused(TestResponses.encode(withDoctype)).reason())
        .isEqualTo(Reason.MALFORMED_ANSWER);
  }
}
