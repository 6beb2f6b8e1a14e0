package eu.mostbridge.broker.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import eu.mostbridge.broker.login.Browser;
import eu.mostbridge.broker.login.TestClientKeys;
import eu.mostbridge.demo.DemoNationalEids;
import eu.mostbridge.simulator.oidc.OidcMisbehaviour;
import eu.mostbridge.simulator.oidc.OidcSimulator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Attacks on Most as an OpenID provider (RFC 9700, the OpenID conformance basic plan) and on Most
 * as a relying party of the national OIDC eIDs, through the running broker. The plain error paths
 * (redirect URI variants, PKCE, code reuse, client authentication) are in {@code LoginFlowTest};
 * docs/SECURITY.md lists all of them.
 */
@QuarkusTest
@TestProfile(OidcAttackTest.IdTokenShape.class)
class OidcAttackTest {
  /**
   * The demo's MVR simulator as an OpenID provider (ID tokens, nonce), whose every check these
   * attacks break; the MVR's own access-token flow is attacked in OidcRoundTripTest.
   */
  public static class IdTokenShape implements QuarkusTestProfile {
    @Override
    public java.util.Map<String, String> getConfigOverrides() {
      return java.util.Map.of("most.demo.mvr-shape", "ID_TOKEN");
    }
  }

  private static final String BASE = SamlAttackTest.BASE;
  private static final String CLIENT = "mk-ministry-portal";
  private static final String CALLBACK = "https://portal.mk.test/callback";

  @Inject DemoNationalEids demo;

  @AfterEach
  void behave() {
    mvr().misbehave(Set.of());
  }

  private OidcSimulator mvr() {
    return (OidcSimulator) demo.simulator(DemoNationalEids.MVR).orElseThrow();
  }

  private static Browser.Page authorize(Browser browser, Map<String, String> overrides)
      throws Exception {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("client_id", CLIENT);
    query.put("response_type", "code");
    query.put("scope", "openid");
    query.put("redirect_uri", CALLBACK);
    query.put("state", "s");
    query.put("code_challenge", Browser.s256("v".repeat(43)));
    query.put("code_challenge_method", "S256");
    query.putAll(overrides);
    query.values().removeIf(String::isEmpty);
    return browser.get(BASE + "/authorize?" + Browser.query(query));
  }

  private static String flowId(Browser.Page choose) {
    return choose.uri().getPath().substring("/login/".length());
  }

  // --- Most as a relying party of the national OIDC eIDs ----------------------------------------

  /**
   * Each fault of the national provider with the refusal it must get: the audit reason and a part
   * of its detail, or ({@code rp}) the OAuth error the relying party receives. A reused session is
   * an OpenID provider's single sign-on, accepted unless the relying party asks for a new login
   * (LoginFlowTest's prompt=login and max_age tests); the MVR's own access-token flow always asks
   * (OidcRoundTripTest).
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "WRONG_SIGNING_KEY | BAD_SIGNATURE | The ID token signature is refused",
        "UNSIGNED | BAD_SIGNATURE | The ID token is not signed",
        "HMAC_WITH_PUBLIC_KEY | BAD_SIGNATURE | HS256",
        "EXPIRED | EXPIRED | Expired JWT",
        "WRONG_AUDIENCE | WRONG_PARTY | Unexpected JWT audience",
        "WRONG_ISSUER | WRONG_PARTY | Unexpected JWT issuer",
        "WRONG_NONCE | WRONG_PARTY | Unexpected JWT nonce",
        "WRONG_STATE | WRONG_PARTY | No login waits for an answer to this request",
        "MISSING_ISS | WRONG_PARTY | The authorization response's iss (none)",
        "LOWER_LEVEL | rp | unmet_authentication_requirements",
        "MISSING_IDENTIFIER | INVALID_IDENTITY | citizen_identifier is missing",
        "ERROR_RESPONSE | rp | access_denied",
        "USERINFO_OTHER_SUBJECT | WRONG_PARTY | userinfo describes another subject",
      })
  void everyMisbehaviourOfTheNationalOpenIdProviderIsRefused(
      OidcMisbehaviour fault, String reason, String detail) throws Exception {
    mvr().misbehave(Set.of(fault));
    Browser browser = new Browser();
    Browser.Page choose = authorize(browser, Map.of());
    Browser.Page picker =
        browser.submit(choose, "/method", Map.of("method", "bg-mvr-eid", "action", "continue"));
    Browser.Page after =
        browser.submit(picker, "login", Map.of("persona", "bg-maria", "action", "login"));

    if (reason.equals("rp")) {
      // An error the national eID itself reports, or a level below the one asked: the relying
      // party hears it as an OAuth error, never as a code.
      assertThat(after.uri().getHost()).as(after.body()).isNotEqualTo("localhost");
      assertThat(after.query())
          .containsEntry("error", detail)
          .containsEntry("iss", BASE)
          .doesNotContainKey("code");
    } else {
      assertThat(SamlAttackTest.assertRefused(after, flowId(choose)))
          .startsWith(reason + ": ")
          .contains(detail);
    }
  }

  @Test
  void everyFaultOfTheProviderHasItsExpectedRefusal() {
    // A fault added to the simulator must be given its refusal above (or excluded with a reason).
    assertThat(OidcMisbehaviour.values()).hasSize(14);
  }

  // --- Most as an OpenID provider ---------------------------------------------------------------

  @Test
  void aVerifierSentWithoutAChallengeNeverStartsALogin() throws Exception {
    Browser.Page refused =
        authorize(new Browser(), Map.of("code_challenge", "", "code_challenge_method", ""));

    assertThat(refused.query()).containsEntry("error", "invalid_request");
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://evil.test/", "//evil.test/", "javascript:alert(1)"})
  void errorPathsNeverRedirectToAnUnregisteredUri(String target) throws Exception {
    Browser.Page authorizeError =
        authorize(new Browser(), Map.of("redirect_uri", target, "response_type", "token"));
    Response logout =
        given()
            .redirects()
            .follow(false)
            .queryParam("client_id", CLIENT)
            .queryParam("post_logout_redirect_uri", target)
            .get("/logout");

    assertThat(authorizeError.status()).isEqualTo(400);
    assertThat(authorizeError.response().headers().firstValue("Location")).isEmpty();
    assertThat(logout.statusCode()).isEqualTo(200);
    assertThat(logout.header("Location")).isNull();
  }

  @Test
  void stateComesBackExactlyAsSentAndTheNonceIsInTheToken() throws Exception {
    String state = "ü & = ? # / % \" <";
    Browser browser = new Browser();
    Browser.Page choose = authorize(browser, Map.of("state", state, "nonce", "n-" + state));
    Browser.Page picker =
        browser.submit(choose, "/method", Map.of("method", "bg-mvr-eid", "action", "continue"));
    Browser.Page consent =
        browser.submit(picker, "login", Map.of("persona", "bg-maria", "action", "login"));
    Browser.Page back = browser.submit(consent, "/consent", Map.of("action", "allow"));

    assertThat(back.query()).containsEntry("state", state);
    Response tokens =
        given()
            .auth()
            .preemptive()
            .basic(CLIENT, "test")
            .formParam("grant_type", "authorization_code")
            .formParam("code", back.query().get("code"))
            .formParam("redirect_uri", CALLBACK)
            .formParam("code_verifier", "v".repeat(43))
            .post("/token");
    assertThat(
            SignedJWT.parse(tokens.jsonPath().getString("id_token"))
                .getJWTClaimsSet()
                .getStringClaim("nonce"))
        .isEqualTo("n-" + state);
  }

  @Test
  void theConsentFormCannotBePostedFromAnotherSite() throws Exception {
    Browser victim = new Browser();
    Browser.Page choose = authorize(victim, Map.of());
    Browser.Page picker =
        victim.submit(choose, "/method", Map.of("method", "bg-mvr-eid", "action", "continue"));
    Browser.Page consent =
        victim.submit(picker, "login", Map.of("persona", "bg-maria", "action", "login"));
    URI consentAction = consent.uri().resolve(consent.form("/consent").get("__action"));

    // A forged form: the victim's browser sends its cookie, but the attacker cannot know the
    // login's CSRF token.
    Browser.Page forged = victim.post(consentAction, Map.of("action", "allow"));
    Browser.Page guessed = victim.post(consentAction, Map.of("action", "allow", "csrf", "x"));

    assertThat(forged.status()).isEqualTo(403);
    assertThat(guessed.status()).isEqualTo(403);
    assertThat(TestLogs.auditEvents(flowId(choose)))
        .anyMatch(line -> line.contains("login.csrf_refused"));
  }

  @Test
  void noPageMayBeFramed() throws Exception {
    Browser.Page choose = authorize(new Browser(), Map.of());
    Browser.Page error = new Browser().get(BASE + "/login/unknown");

    for (Browser.Page page : new Browser.Page[] {choose, error}) {
      assertThat(page.response().headers().firstValue("Content-Security-Policy").orElseThrow())
          .contains("frame-ancestors 'none'");
      assertThat(page.response().headers().firstValue("X-Frame-Options")).contains("DENY");
    }
  }

  @Test
  void everyAuthorizationResponseNamesItsIssuerAgainstMixUp() throws Exception {
    Browser.Page error = authorize(new Browser(), Map.of("scope", "profile"));

    assertThat(error.query()).containsEntry("iss", BASE);
  }

  private static String assertion(JWSAlgorithm algorithm, byte[] hmacKey, Date expiry)
      throws Exception {
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer("signed-client")
            .subject("signed-client")
            .audience(BASE + "/token")
            .jwtID(UUID.randomUUID().toString())
            .expirationTime(expiry)
            .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
    jwt.sign(new MACSigner(hmacKey));
    return jwt.serialize();
  }

  private static Response tokenWithAssertion(String assertion) {
    return given()
        .formParam("grant_type", "authorization_code")
        .formParam("code", "irrelevant")
        .formParam("redirect_uri", "https://signed.test/callback")
        .formParam("code_verifier", "v".repeat(43))
        .formParam(
            "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
        .formParam("client_assertion", assertion)
        .post("/token");
  }

  @Test
  void anHs256AssertionSignedWithThePublicKeyIsRefused() throws Exception {
    String publicKey = given().get("/test-client/jwks").asString();
    byte[] key = publicKey.repeat(2).getBytes(StandardCharsets.UTF_8); // HS256 wants >= 256 bits

    Response refused =
        tokenWithAssertion(
            assertion(JWSAlgorithm.HS256, key, Date.from(Instant.now().plusSeconds(60))));

    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.jsonPath().getString("error")).isEqualTo("invalid_client");
  }

  @Test
  void anExpiredClientAssertionIsRefused() throws Exception {
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer("signed-client")
            .subject("signed-client")
            .audience(BASE + "/token")
            .jwtID(UUID.randomUUID().toString())
            .expirationTime(Date.from(Instant.now().minusSeconds(600)))
            .build();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("signed-client-1").build(), claims);
    jwt.sign(new com.nimbusds.jose.crypto.ECDSASigner(TestClientKeys.KEY));

    Response refused = tokenWithAssertion(jwt.serialize());

    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.jsonPath().getString("error")).isEqualTo("invalid_client");
  }

  @Test
  void clientTextQuotedInAnErrorNeverBreaksTheResponse() throws Exception {
    // Found by the fuzzer: a description quoting a parameter name with '"' or non-ASCII made the
    // OAuth library throw, a 500.
    Response repeated =
        given()
            .contentType("application/x-www-form-urlencoded")
            .body("gr%22ant_%C3%BC=1&gr%22ant_%C3%BC=2")
            .post("/token");
    Browser.Page scope = authorize(new Browser(), Map.of("scope", "openid \"évil\\"));

    assertThat(repeated.statusCode()).isEqualTo(400);
    assertThat(repeated.jsonPath().getString("error")).isEqualTo("invalid_request");
    assertThat(scope.query()).containsEntry("error", "invalid_scope");
    assertThat(scope.query().get("error_description")).doesNotContain("\"").doesNotContain("é");
  }
}
