package eu.mostbridge.broker.login;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import eu.mostbridge.broker.config.BrokerConfig;
import eu.mostbridge.broker.config.TestClock;
import eu.mostbridge.broker.flow.LoginFlow;
import eu.mostbridge.broker.flow.LoginFlowStore;
import eu.mostbridge.broker.flow.PushedRequests;
import eu.mostbridge.demo.DemoNationalEids;
import eu.mostbridge.simulator.oidc.OidcMisbehaviour;
import eu.mostbridge.simulator.oidc.OidcSimulator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whole logins through the running broker and its mounted simulators, over real HTTP, as a browser
 * and a relying party would make them; and every OAuth error path with its RFC error code.
 */
@QuarkusTest
class LoginFlowTest {
  static final String BASE = "http://localhost:8081";
  private static final String MK_PORTAL = "mk-ministry-portal";
  private static final String MK_PORTAL_CALLBACK = "https://portal.mk.test/callback";
  private static final String BG_MUNICIPALITY = "bg-municipality";
  private static final String BG_CALLBACK = "https://obshtina.bg.test/callback";
  private static final String LOA = "http://eidas.europa.eu/LoA/";

  @Inject DemoNationalEids demo;
  @Inject PushedRequests pushedRequests;
  @Inject LoginFlowStore loginFlows;
  @Inject TestClock clock;
  @Inject BrokerConfig config;

  @AfterEach
  void behave() {
    mvr().misbehave(Set.of());
    clock.reset();
  }

  private OidcSimulator mvr() {
    return (OidcSimulator) demo.simulator(DemoNationalEids.MVR).orElseThrow();
  }

  static StartedLogin authorize(String client, String redirect, Map<String, String> extra)
      throws Exception {
    return StartedLogin.begin(new Browser(), BASE, client, redirect, extra);
  }

  /** Chooses {@code method}, logs in (or cancels) as {@code persona} at the simulator. */
  static Browser.Page national(StartedLogin started, String method, String persona, String action)
      throws Exception {
    Browser browser = started.browser();
    Browser.Page page = browser.choose(started.page(), method);
    if (page.body().contains("action=\"" + BASE + "/sim/")) {
      page = browser.submit(page, "/sim/", Map.of()); // the SAML HTTP-POST binding
    }
    assertThat(page.body()).contains("SIMULATOR");
    page = browser.submit(page, "login", Map.of("persona", persona, "action", action));
    if (page.status() == 200 && page.body().contains("/callback/")) {
      page = browser.submit(page, "/callback/", Map.of()); // the SAML answer, posted back
    }
    return page;
  }

  static Browser.Page consent(StartedLogin started, Browser.Page page, String action)
      throws Exception {
    return started.browser().submit(page, "/consent", Map.of("action", action));
  }

  static Response redeem(String client, String code, String redirect, String verifier) {
    return given()
        .auth()
        .preemptive()
        .basic(client, "test")
        .contentType("application/x-www-form-urlencoded")
        .formParam("grant_type", "authorization_code")
        .formParam("code", code)
        .formParam("redirect_uri", redirect)
        .formParam("code_verifier", verifier)
        .post("/token");
  }

  static JWTClaimsSet verifiedIdToken(String idToken, String client, String nonce)
      throws Exception {
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(
        new JWSVerificationKeySelector<>(
            Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256),
            JWKSourceBuilder.<SecurityContext>create(URI.create(BASE + "/jwks").toURL()).build()));
    JWTClaimsSet claims = processor.process(idToken, null);
    assertThat(claims.getIssuer()).isEqualTo(BASE);
    assertThat(claims.getAudience()).containsExactly(client);
    assertThat(claims.getStringClaim("nonce")).isEqualTo(nonce);
    return claims;
  }

  /** A complete login that reaches the relying party with a code, and the code's redemption. */
  static JWTClaimsSet login(
      String client, String redirect, String method, String persona, String acr) throws Exception {
    StartedLogin started =
        authorize(client, redirect, acr == null ? Map.of() : Map.of("acr_values", acr));
    Browser.Page consentPage = national(started, method, persona, "login");
    assertThat(consentPage.status()).as(consentPage.body()).isEqualTo(200);
    // Every OpenID Connect relying party receives the same pseudonym: the page never says it was
    // made for this one.
    assertThat(consentPage.body())
        .doesNotContain("pseudonym made for")
        .containsAnyOf(
            "a pseudonym, the same for every service that uses Most",
            "contains your national identification number");
    Browser.Page back = consent(started, consentPage, "allow");
    assertThat(back.uri().toString()).startsWith(redirect + "?");
    assertThat(back.query()).containsEntry("state", started.state()).containsEntry("iss", BASE);
    Response tokens = redeem(client, back.query().get("code"), redirect, started.verifier());
    assertThat(tokens.statusCode()).as(tokens.asString()).isEqualTo(200);
    assertThat(tokens.header("Cache-Control")).isEqualTo("no-store");
    JWTClaimsSet claims =
        verifiedIdToken(tokens.jsonPath().getString("id_token"), client, started.nonce());
    Response userInfo =
        given().auth().oauth2(tokens.jsonPath().getString("access_token")).get("/userinfo");
    assertThat(userInfo.statusCode()).isEqualTo(200);
    assertThat(userInfo.jsonPath().getString("sub")).isEqualTo(claims.getSubject());
    assertThat(userInfo.jsonPath().getString("person_identifier"))
        .isEqualTo(claims.getStringClaim("person_identifier"));
    return claims;
  }

  @ParameterizedTest(name = "{0} asked for {1}, reached {2}")
  @CsvSource({
    "bg-eauth, substantial, substantial",
    "bg-eauth, high, high",
    // The MVR's own flow offers relying parties only its high level (eid_loa_high).
    "bg-mvr-eid, substantial, high",
    "bg-mvr-eid, high, high",
  })
  void aBulgarianCitizenLogsInToTheMacedonianService(String method, String level, String reached)
      throws Exception {
    JWTClaimsSet claims = login(MK_PORTAL, MK_PORTAL_CALLBACK, method, "bg-maria", LOA + level);

    assertThat(claims.getStringClaim("acr")).isEqualTo(LOA + reached);
    assertThat(claims.getStringListClaim("amr")).containsExactly(method);
    assertThat(claims.getStringClaim("person_identifier"))
        .as("a pseudonymous client never sees the EGN")
        .matches("BG/MK/p1\\.[0-9a-f]{64}");
    assertThat(claims.getStringClaim("given_name")).isEqualTo("Maria Shtereva");
    assertThat(claims.getStringClaim("given_name#bg-Cyrl")).isEqualTo("Мария Щерева");
    assertThat(claims.getStringClaim("family_name")).isEqualTo("Petrova");
    assertThat(claims.getStringClaim("birthdate")).isEqualTo("1987-03-14");
    assertThat(claims.getStringClaim("gender")).isEqualTo("female");
    assertThat(claims.getLongClaim("auth_time"))
        .isLessThanOrEqualTo(Instant.now().getEpochSecond());
  }

  @ParameterizedTest(name = "{0} asked for low as {1}")
  @CsvSource({
    "bg-eauth, bg-mariyana, low",
    // The MVR's own flow releases the national number only at its high level.
    "bg-mvr-eid, bg-maria, high",
    "mk-eid, mk-dzvezdan, low"
  })
  void eachNationalEidAnswersALowLevelRequest(String method, String persona, String reached)
      throws Exception {
    JWTClaimsSet claims =
        login("low-portal", "https://low.test/callback", method, persona, LOA + "low");

    assertThat(claims.getStringClaim("acr")).isEqualTo(LOA + reached);
    assertThat(claims.getStringListClaim("amr")).containsExactly(method);
  }

  @ParameterizedTest(name = "{1} as {0}")
  @CsvSource({
    "mk-dzvezdan, low, 2802955490777",
    "mk-ljubica, substantial, 0309001416228",
    "mk-gjorgji, high, 1205990451235",
  })
  void aMacedonianCitizenLogsInToTheBulgarianService(String persona, String level, String embg)
      throws Exception {
    JWTClaimsSet claims = login(BG_MUNICIPALITY, BG_CALLBACK, "mk-eid", persona, LOA + level);

    assertThat(claims.getStringClaim("acr")).isEqualTo(LOA + level);
    assertThat(claims.getStringClaim("person_identifier")).isEqualTo("MK/BG/" + embg);
    assertThat(claims.getStringClaim("family_name#mk-Cyrl")).isNotBlank();
    assertThat(claims.getStringListClaim("amr")).containsExactly("mk-eid");
  }

  @Test
  void theClaimsParameterAddsVerifiedClaims() throws Exception {
    StartedLogin started =
        authorize(
            BG_MUNICIPALITY,
            BG_CALLBACK,
            Map.of(
                "claims",
                "{\"id_token\":{\"verified_claims\":{\"verification\":{\"trust_framework\":null},"
                    + "\"claims\":{\"given_name\":null}}}}"));
    Browser.Page back =
        consent(started, national(started, "mk-eid", "mk-gjorgji", "login"), "allow");
    Response tokens =
        redeem(BG_MUNICIPALITY, back.query().get("code"), BG_CALLBACK, started.verifier());
    JWTClaimsSet claims =
        verifiedIdToken(tokens.jsonPath().getString("id_token"), BG_MUNICIPALITY, started.nonce());

    assertThat(claims.getJSONObjectClaim("verified_claims")).containsKeys("verification", "claims");
  }

  /** A login through mk-eid for {@code client}; the token response. */
  private static Response tokensFor(String client, String callback, Map<String, String> extra)
      throws Exception {
    StartedLogin started = authorize(client, callback, extra);
    Browser.Page back =
        consent(started, national(started, "mk-eid", "mk-gjorgji", "login"), "allow");
    assertThat(back.query()).as(back.uri().toString()).containsKey("code");
    Response tokens = redeem(client, back.query().get("code"), callback, started.verifier());
    assertThat(tokens.statusCode()).as(tokens.asString()).isEqualTo(200);
    verifiedIdToken(tokens.jsonPath().getString("id_token"), client, started.nonce());
    return tokens;
  }

  @Test
  void theTokenResponseStatesTheScopeGranted() throws Exception {
    Response tokens =
        tokensFor(BG_MUNICIPALITY, BG_CALLBACK, Map.of("scope", "openid profile eidas:country:mk"));

    assertThat(Set.of(tokens.jsonPath().getString("scope").split(" ")))
        .containsExactlyInAnyOrder("openid", "profile", "eidas:country:mk");
  }

  @Test
  void aClientWithMinimalIdTokensReadsThePersonAtUserinfo() throws Exception {
    Response tokens = tokensFor("minimal-token-portal", "https://minimal.test/callback", Map.of());
    JWTClaimsSet idToken =
        SignedJWT.parse(tokens.jsonPath().getString("id_token")).getJWTClaimsSet();

    assertThat(idToken.getClaims())
        .containsKeys("sub", "acr", "amr", "auth_time", "nonce")
        .doesNotContainKeys("person_identifier", "given_name", "family_name", "birthdate")
        .doesNotContainKey("family_name#mk-Cyrl");
    Response userInfo =
        given().auth().oauth2(tokens.jsonPath().getString("access_token")).get("/userinfo");
    assertThat(userInfo.jsonPath().getString("person_identifier")).isEqualTo("MK/BG/1205990451235");
    assertThat(userInfo.jsonPath().getString("sub")).isEqualTo(idToken.getSubject());
  }

  @Test
  void theClaimsParameterPutsAskedForClaimsInAMinimalIdTokenAndRaisesTheLevel() throws Exception {
    Response tokens =
        tokensFor(
            "minimal-token-portal",
            "https://minimal.test/callback",
            Map.of(
                "claims",
                "{\"id_token\":{\"birthdate\":null,\"family_name\":{\"essential\":true},"
                    + "\"acr\":{\"essential\":true,\"values\":[\""
                    + LOA
                    + "high\"]}}}"));
    JWTClaimsSet idToken =
        SignedJWT.parse(tokens.jsonPath().getString("id_token")).getJWTClaimsSet();

    assertThat(idToken.getClaims())
        .containsKeys("birthdate", "family_name", "family_name#mk-Cyrl")
        .doesNotContainKeys("person_identifier", "given_name");
    assertThat(idToken.getStringClaim("acr")).isEqualTo(LOA + "high");
  }

  @Test
  void theConsentPageShowsExactlyWhatIsSentInTheCitizensLanguage() throws Exception {
    StartedLogin started = authorize(MK_PORTAL, MK_PORTAL_CALLBACK, Map.of("ui_locales", "bg"));
    assertThat(started.page().body()).contains("lang=\"bg\"").contains("Изберете");
    Browser.Page consent = national(started, "bg-mvr-eid", "bg-maria", "login");

    assertThat(consent.body())
        .contains("lang=\"bg\"")
        .contains("Портал на министерство (тест)")
        .contains("Мария Щерева")
        .contains("Maria Shtereva")
        .contains("1987-03-14")
        .contains("псевдоним")
        .doesNotContain("8703141379");
    assertThat(consent.response().headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("frame-ancestors 'none'");
    assertThat(consent.response().headers().firstValue("X-Frame-Options")).contains("DENY");
    assertThat(consent.response().headers().firstValue("Cache-Control")).contains("no-store");
  }

  @Test
  void acceptLanguageChoosesThePageLanguageWhenUiLocalesIsAbsent() throws Exception {
    Browser browser = new Browser().language("mk-MK,mk;q=0.9,en;q=0.5");
    Browser.Page page =
        browser.get(
            BASE
                + "/authorize?"
                + Browser.query(
                    Map.of(
                        "client_id",
                        MK_PORTAL,
                        "response_type",
                        "code",
                        "scope",
                        "openid",
                        "redirect_uri",
                        MK_PORTAL_CALLBACK,
                        "code_challenge",
                        Browser.s256("v".repeat(43)),
                        "code_challenge_method",
                        "S256")));

    assertThat(page.body()).contains("lang=\"mk\"").contains("Изберете како");
  }

  @Test
  void theCitizenMaySwitchTheLanguageAndItStaysForTheLogin() throws Exception {
    StartedLogin started = authorize(MK_PORTAL, MK_PORTAL_CALLBACK, Map.of("ui_locales", "en"));
    assertThat(started.page().body()).contains("lang=\"en\"").contains("href=\"?lang=mk\"");

    Browser.Page macedonian = started.browser().get(started.page().uri() + "?lang=mk");
    assertThat(macedonian.body()).contains("lang=\"mk\"").contains("Изберете како");
    Browser.Page consent =
        national(
            new StartedLogin(
                started.browser(),
                macedonian,
                started.state(),
                started.nonce(),
                started.verifier()),
            "bg-mvr-eid",
            "bg-maria",
            "login");
    assertThat(consent.body()).contains("lang=\"mk\"").contains("Сподели и продолжи");
  }

  @Test
  void refusingConsentReturnsAccessDenied() throws Exception {
    StartedLogin started = authorize(MK_PORTAL, MK_PORTAL_CALLBACK, Map.of());
    Browser.Page back =
        consent(started, national(started, "bg-mvr-eid", "bg-maria", "login"), "deny");

    assertThat(back.query())
        .containsEntry("error", "access_denied")
        .containsEntry("state", started.state())
        .containsEntry("iss", BASE)
        .doesNotContainKey("code");
  }

  @Test
  void aLoginOnlyOneEidFitsGoesStraightToItAndTheCitizenMayStillChooseOrCancel() throws Exception {
    // The municipality takes Macedonian citizens only, and eid.mk is their one eID.
    StartedLogin started = authorize(BG_MUNICIPALITY, BG_CALLBACK, Map.of());

    assertThat(started.page().body())
        .as("no choice page: the SAML request to eid.mk, posted")
        .doesNotContain("name=\"method\"")
        .contains("action=\"" + BASE + "/sim/eid-mk/")
        .contains("SAMLRequest");
    Browser.Page choice = started.browser().get(started.page().uri() + "?choose=1");
    assertThat(choice.body()).contains("value=\"mk-eid\"").doesNotContain("value=\"bg-eauth\"");
    Browser.Page back = started.browser().submit(choice, "/method", Map.of("action", "cancel"));
    assertThat(back.query())
        .containsEntry("error", "access_denied")
        .containsEntry("state", started.state());
  }

  @Test
  void onceTheCitizenChoseAgainTheLoginPageShowsTheChoiceInsteadOfStartingTheEidAgain()
      throws Exception {
    StartedLogin started = authorize(BG_MUNICIPALITY, BG_CALLBACK, Map.of());
    String login = started.page().uri().toString();
    Browser.Page choice = started.browser().get(login + "?choose=1");
    Browser.Page again = started.browser().submit(choice, "/method", Map.of("action", "restart"));
    assertThat(again.body()).contains("value=\"mk-eid\"");

    // A reload, or the browser's Back to the login page: the citizen chooses, Most does not.
    Browser.Page reload = started.browser().get(login);

    assertThat(reload.body()).contains("name=\"method\"").doesNotContain("SAMLRequest");
  }

  @Test
  void aLoginTwoEidsFitShowsTheChoice() throws Exception {
    StartedLogin started = authorize(MK_PORTAL, MK_PORTAL_CALLBACK, Map.of());

    assertThat(started.page().body())
        .contains("value=\"bg-eauth\"")
        .contains("value=\"bg-mvr-eid\"");
  }

  @Test
  void cancellingTheChoiceReturnsAccessDenied() throws Exception {
    StartedLogin started = authorize(MK_PORTAL, MK_PORTAL_CALLBACK, Map.of());
    Browser.Page back =
        started.browser().submit(started.page(), "/method", Map.of("action", "cancel"));

    assertThat(back.query()).containsEntry("error", "access_denied").containsEntry("iss", BASE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"bg-eauth", "bg-mvr-eid"})
  void cancellingAtTheNationalEidReturnsAccessDenied(String method) throws Exception {
    StartedLogin started = authorize(MK_PORTAL, MK_PORTAL_CALLBACK, Map.of());
    Browser.Page back = national(started, method, "bg-maria", "cancel");

    assertThat(back.query())
        .containsEntry("error", "access_denied")
        .containsEntry("state", started.state());
  }

  @Test
  void aLowerLevelFromTheNationalEidIsAnErrorNeverADowngrade() throws Exception {
    mvr().misbehave(Set.of(OidcMisbehaviour.LOWER_LEVEL));
    StartedLogin started =
        authorize(MK_PORTAL, MK_PORTAL_CALLBACK, Map.of("acr_values", LOA + "high"));
    Browser.Page back = national(started, "bg-mvr-eid", "bg-maria", "login");

    assertThat(back.query())
        .containsEntry("error", "unmet_authentication_requirements")
        .containsEntry("state", started.state());
  }

  @Test
  void anUntrustworthyNationalAnswerShowsAnErrorPageAndTheCitizenMayChooseAgain() throws Exception {
    mvr().misbehave(Set.of(OidcMisbehaviour.WRONG_SIGNING_KEY));
    StartedLogin started = authorize(MK_PORTAL, MK_PORTAL_CALLBACK, Map.of());
    Browser.Page error = national(started, "bg-mvr-eid", "bg-maria", "login");

    assertThat(error.status()).isEqualTo(400);
    assertThat(error.body()).contains("could not be verified");
    Browser.assertNoStackTrace(error);
    mvr().misbehave(Set.of());
    Browser.Page again = started.browser().submit(error, "/method", Map.of("action", "restart"));
    assertThat(again.body()).contains("name=\"method\"");
  }

  @Test
  void aSamlAnswerPostedWithoutTheCookieIsPostedAgainFromMostsOwnOrigin() throws Exception {
    StartedLogin started = authorize(MK_PORTAL, MK_PORTAL_CALLBACK, Map.of());
    Browser browser = started.browser();
    Browser.Page page =
        browser.submit(
            started.page(), "/method", Map.of("method", "bg-eauth", "action", "continue"));
    page = browser.submit(page, "/sim/", Map.of());
    Browser.Page answer =
        browser.submit(page, "login", Map.of("persona", "bg-maria", "action", "login"));
    Map<String, String> fields = answer.form("/callback/");
    URI acs = URI.create(fields.remove("__action"));

    // A cross-site POST: the browser withholds the SameSite=Lax cookie.
    HttpResponse<String> crossSite =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(acs)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(Browser.query(fields)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(crossSite.statusCode()).isEqualTo(200);
    Browser.Page repost = new Browser.Page(200, acs, crossSite.body(), crossSite);
    Map<String, String> again = repost.form("/callback/");
    assertThat(again).containsEntry("most_resubmitted", "1").containsKey("SAMLResponse");

    Browser.Page consent = browser.submit(repost, "/callback/", Map.of());
    assertThat(consent.body()).contains("Maria Shtereva");
  }

  @Test
  void anAnswerNoLoginWaitsForIsRefused() throws Exception {
    Browser.Page page =
        new Browser()
            .post(
                URI.create(BASE + "/callback/bg-eauth"),
                Map.of("SAMLResponse", "PHg+", "most_resubmitted", "1"));

    assertThat(page.status()).isEqualTo(400);
    assertThat(page.body()).contains("No login in this browser");
    Browser.assertNoStackTrace(page);
  }

  @Test
  void aFormWithoutTheLoginsCsrfTokenIsRefused() throws Exception {
    StartedLogin started = authorize(MK_PORTAL, MK_PORTAL_CALLBACK, Map.of());
    Browser.Page refused =
        started
            .browser()
            .submit(
                started.page(),
                "/method",
                Map.of("csrf", "forged", "method", "bg-eauth", "action", "continue"));

    assertThat(refused.status()).isEqualTo(403);
  }

  @Test
  void anotherBrowserCannotContinueTheLogin() throws Exception {
    StartedLogin started = authorize(MK_PORTAL, MK_PORTAL_CALLBACK, Map.of());
    Browser.Page stolen = new Browser().get(started.page().uri().toString());

    assertThat(stolen.status()).isEqualTo(403);
    assertThat(stolen.body()).contains("another browser");
  }

  // --- Authorization request errors -----------------------------------------------------------

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://portal.mk.test/callback?x=1",
        "https://portal.mk.test/callback/extra",
        "http://portal.mk.test/callback",
        "https://portal.mk.test.evil/callback",
        "https://portal.mk.test:8443/callback",
        "https://portal.mk.test/callback#fragment",
        "https://evil.test/callback"
      })
  void anUnregisteredRedirectUriIsShownNeverFollowed(String redirect) throws Exception {
    StartedLogin started = authorize(MK_PORTAL, redirect, Map.of());

    assertThat(started.page().status()).isEqualTo(400);
    assertThat(started.page().response().headers().firstValue("Location")).isEmpty();
    assertThat(started.page().body()).contains("not registered");
  }

  @Test
  void anUnknownClientIsShownNeverRedirected() throws Exception {
    StartedLogin started = authorize("nobody", MK_PORTAL_CALLBACK, Map.of());

    assertThat(started.page().status()).isEqualTo(400);
    assertThat(started.page().response().headers().firstValue("Location")).isEmpty();
  }

  @ParameterizedTest(name = "{0}={1} gives {2}")
  @CsvSource({
    "code_challenge, , invalid_request",
    "code_challenge_method, plain, invalid_request",
    "response_type, token, unsupported_response_type",
    "scope, profile, invalid_scope",
    "prompt, none, login_required",
    "acr_values, urn:unknown, invalid_request",
  })
  void badAuthorizationRequestsGoBackWithTheRfcErrorStateAndIss(
      String parameter, String value, String error) throws Exception {
    Map<String, String> extra = new LinkedHashMap<>();
    extra.put(parameter, value == null ? "" : value);
    StartedLogin started = authorize(MK_PORTAL, MK_PORTAL_CALLBACK, extra);

    assertThat(started.page().status()).isEqualTo(303);
    assertThat(started.page().query())
        .containsEntry("error", error)
        .containsEntry("state", started.state())
        .containsEntry("iss", BASE);
  }

  // --- Token endpoint errors ------------------------------------------------------------------

  private static Map<String, String> codeFor(String client, String redirect) throws Exception {
    StartedLogin started = authorize(client, redirect, Map.of());
    Browser.Page back =
        consent(started, national(started, "bg-mvr-eid", "bg-maria", "login"), "allow");
    return Map.of("code", back.query().get("code"), "verifier", started.verifier());
  }

  @Test
  void aWrongVerifierIsInvalidGrant() throws Exception {
    Map<String, String> code = codeFor(MK_PORTAL, MK_PORTAL_CALLBACK);
    Response refused = redeem(MK_PORTAL, code.get("code"), MK_PORTAL_CALLBACK, "w".repeat(43));

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.jsonPath().getString("error")).isEqualTo("invalid_grant");
  }

  @Test
  void aReusedCodeIsInvalidGrantAndRevokesWhatTheFirstUseIssued() throws Exception {
    Map<String, String> code = codeFor(MK_PORTAL, MK_PORTAL_CALLBACK);
    Response first = redeem(MK_PORTAL, code.get("code"), MK_PORTAL_CALLBACK, code.get("verifier"));
    assertThat(first.statusCode()).isEqualTo(200);
    String accessToken = first.jsonPath().getString("access_token");
    assertThat(given().auth().oauth2(accessToken).get("/userinfo").statusCode()).isEqualTo(200);

    Response second = redeem(MK_PORTAL, code.get("code"), MK_PORTAL_CALLBACK, code.get("verifier"));

    assertThat(second.statusCode()).isEqualTo(400);
    assertThat(second.jsonPath().getString("error")).isEqualTo("invalid_grant");
    Response revoked = given().auth().oauth2(accessToken).get("/userinfo");
    assertThat(revoked.statusCode()).isEqualTo(401);
    assertThat(revoked.header("WWW-Authenticate")).contains("invalid_token");
  }

  @Test
  void aWrongClientSecretIsInvalidClient() throws Exception {
    Map<String, String> code = codeFor(MK_PORTAL, MK_PORTAL_CALLBACK);
    Response refused =
        given()
            .auth()
            .preemptive()
            .basic(MK_PORTAL, "wrong")
            .formParam("grant_type", "authorization_code")
            .formParam("code", code.get("code"))
            .formParam("redirect_uri", MK_PORTAL_CALLBACK)
            .formParam("code_verifier", code.get("verifier"))
            .post("/token");

    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.jsonPath().getString("error")).isEqualTo("invalid_client");
    assertThat(refused.header("WWW-Authenticate")).startsWith("Basic");
  }

  @Test
  void anUnknownClientAtTheTokenEndpointIsInvalidClient() {
    Response refused = redeem("nobody", "x", MK_PORTAL_CALLBACK, "v".repeat(43));

    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.jsonPath().getString("error")).isEqualTo("invalid_client");
  }

  @Test
  void aCodeRedeemedByAnotherClientIsInvalidGrant() throws Exception {
    Map<String, String> code = codeFor(MK_PORTAL, MK_PORTAL_CALLBACK);
    Response refused =
        redeem(BG_MUNICIPALITY, code.get("code"), MK_PORTAL_CALLBACK, code.get("verifier"));

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.jsonPath().getString("error")).isEqualTo("invalid_grant");
  }

  @Test
  void anotherRedirectUriAtTheTokenEndpointIsInvalidGrant() throws Exception {
    Map<String, String> code = codeFor(MK_PORTAL, MK_PORTAL_CALLBACK);
    Response refused =
        redeem(MK_PORTAL, code.get("code"), "http://127.0.0.1/callback", code.get("verifier"));

    assertThat(refused.jsonPath().getString("error")).isEqualTo("invalid_grant");
  }

  @Test
  void anExpiredCodeIsInvalidGrant() throws Exception {
    Map<String, String> code = codeFor(MK_PORTAL, MK_PORTAL_CALLBACK);
    clock.advance(config.lifetimes().code().plusSeconds(1));

    Response refused =
        redeem(MK_PORTAL, code.get("code"), MK_PORTAL_CALLBACK, code.get("verifier"));

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.jsonPath().getString("error")).isEqualTo("invalid_grant");
  }

  @Test
  void aCodeIsRedeemedUntilTheEndOfItsLifetime() throws Exception {
    Map<String, String> code = codeFor(MK_PORTAL, MK_PORTAL_CALLBACK);
    clock.advance(config.lifetimes().code().minusSeconds(2));

    Response tokens = redeem(MK_PORTAL, code.get("code"), MK_PORTAL_CALLBACK, code.get("verifier"));

    assertThat(tokens.statusCode()).as(tokens.asString()).isEqualTo(200);
  }

  @Test
  void onlyTheAuthorizationCodeGrantIsSupported() {
    Response refused =
        given()
            .auth()
            .preemptive()
            .basic(MK_PORTAL, "test")
            .formParam("grant_type", "client_credentials")
            .post("/token");

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.jsonPath().getString("error")).isEqualTo("unsupported_grant_type");
  }

  @Test
  void clientSecretPostWorksToo() throws Exception {
    Map<String, String> code = codeFor(MK_PORTAL, MK_PORTAL_CALLBACK);
    Response tokens =
        given()
            .formParam("grant_type", "authorization_code")
            .formParam("client_id", MK_PORTAL)
            .formParam("client_secret", "test")
            .formParam("code", code.get("code"))
            .formParam("redirect_uri", MK_PORTAL_CALLBACK)
            .formParam("code_verifier", code.get("verifier"))
            .post("/token");

    assertThat(tokens.statusCode()).as(tokens.asString()).isEqualTo(200);
  }

  private static String assertion(String alg, String jti, Date expiry) throws Exception {
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer("signed-client")
            .subject("signed-client")
            .audience(BASE + "/token")
            .jwtID(jti)
            .expirationTime(expiry)
            .build();
    if ("none".equals(alg)) {
      return new PlainJWT(claims).serialize();
    }
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(TestClientKeys.KEY.getKeyID()).build(),
            claims);
    jwt.sign(new ECDSASigner(TestClientKeys.KEY));
    return jwt.serialize();
  }

  private static Response redeemWithAssertion(Map<String, String> code, String assertion) {
    return given()
        .formParam("grant_type", "authorization_code")
        .formParam("code", code.get("code"))
        .formParam("redirect_uri", "https://signed.test/callback")
        .formParam("code_verifier", code.get("verifier"))
        .formParam(
            "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
        .formParam("client_assertion", assertion)
        .post("/token");
  }

  @Test
  void privateKeyJwtAuthenticatesOnceAndRefusesReplayAndUnsignedAssertions() throws Exception {
    Date soon = Date.from(Instant.now().plusSeconds(60));
    String signed = assertion("ES256", UUID.randomUUID().toString(), soon);
    Map<String, String> code = codeFor("signed-client", "https://signed.test/callback");

    Response tokens = redeemWithAssertion(code, signed);
    assertThat(tokens.statusCode()).as(tokens.asString()).isEqualTo(200);

    Map<String, String> second = codeFor("signed-client", "https://signed.test/callback");
    Response replayed = redeemWithAssertion(second, signed);
    assertThat(replayed.statusCode()).isEqualTo(401);
    assertThat(replayed.jsonPath().getString("error")).isEqualTo("invalid_client");

    Response unsigned = redeemWithAssertion(second, assertion("none", "n-1", soon));
    assertThat(unsigned.statusCode()).isEqualTo(401);
    assertThat(unsigned.jsonPath().getString("error")).isEqualTo("invalid_client");
  }

  // --- Pushed authorization requests (RFC 9126) ------------------------------------------------

  @Test
  void aPushedRequestIsUsedOnceByItsClient() throws Exception {
    String verifier = UUID.randomUUID() + "." + UUID.randomUUID();
    Response pushed =
        given()
            .auth()
            .preemptive()
            .basic(MK_PORTAL, "test")
            .formParam("response_type", "code")
            .formParam("scope", "openid")
            .formParam("redirect_uri", MK_PORTAL_CALLBACK)
            .formParam("state", "pushed-state")
            .formParam("nonce", "pushed-nonce")
            .formParam("code_challenge", Browser.s256(verifier))
            .formParam("code_challenge_method", "S256")
            .post("/par");
    assertThat(pushed.statusCode()).as(pushed.asString()).isEqualTo(201);
    String requestUri = pushed.jsonPath().getString("request_uri");
    assertThat(requestUri).startsWith("urn:ietf:params:oauth:request_uri:");
    assertThat(pushed.jsonPath().getInt("expires_in")).isEqualTo(60);

    Browser browser = new Browser();
    String authorize =
        BASE
            + "/authorize?"
            + Browser.query(Map.of("client_id", MK_PORTAL, "request_uri", requestUri));
    StartedLogin started =
        new StartedLogin(browser, browser.get(authorize), "pushed-state", "pushed-nonce", verifier);
    Browser.Page back =
        consent(started, national(started, "bg-mvr-eid", "bg-maria", "login"), "allow");
    assertThat(back.query()).containsEntry("state", "pushed-state");
    assertThat(
            redeem(MK_PORTAL, back.query().get("code"), MK_PORTAL_CALLBACK, verifier).statusCode())
        .isEqualTo(200);

    assertThat(new Browser().get(authorize).status()).as("used once").isEqualTo(400);
  }

  @Test
  void aPushedRequestPastItsOwnExpiryIsRefusedWhileTheCacheStillHoldsIt() throws Exception {
    // As after Infinispan's conflict resolution re-wrote the entry with a fresh lifespan.
    String requestUri = "urn:ietf:params:oauth:request_uri:" + UUID.randomUUID();
    Map<String, List<String>> parameters =
        Map.of(
            "client_id", List.of(MK_PORTAL),
            "response_type", List.of("code"),
            "scope", List.of("openid"),
            "redirect_uri", List.of(MK_PORTAL_CALLBACK),
            "code_challenge", List.of(Browser.s256("v".repeat(43))),
            "code_challenge_method", List.of("S256"));
    String stillValid = requestUri + "-valid";
    pushedRequests.push(
        stillValid,
        new PushedRequests.Pushed(MK_PORTAL, parameters, Instant.now().plusSeconds(60)),
        Duration.ofMinutes(5));
    pushedRequests.push(
        requestUri,
        new PushedRequests.Pushed(MK_PORTAL, parameters, Instant.now().minusSeconds(1)),
        Duration.ofMinutes(5));

    Browser.Page accepted = new Browser().get(authorizeWith(stillValid));
    Browser.Page refused = new Browser().get(authorizeWith(requestUri));

    assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
    assertThat(refused.status()).isEqualTo(400);
    Browser.assertNoStackTrace(refused);
    assertThat(new Browser().get(authorizeWith(requestUri)).status())
        .as("refused again")
        .isEqualTo(400);
    assertThat(new Browser().get(authorizeWith(stillValid)).status())
        .as("used once")
        .isEqualTo(400);
  }

  @Test
  void aLoginPastItsOwnLifetimeEndsWhileTheCacheStillHoldsIt() throws Exception {
    StartedLogin started = authorize(MK_PORTAL, MK_PORTAL_CALLBACK, Map.of());
    Matcher action =
        Pattern.compile("action=\"/login/([^/\"]+)/method\"").matcher(started.page().body());
    assertThat(action.find()).as(started.page().body()).isTrue();
    LoginFlowStore.Stored stored = loginFlows.find(action.group(1)).orElseThrow();
    LoginFlow flow = stored.flow();
    // As after Infinispan's conflict resolution re-wrote the entry with a fresh lifespan.
    loginFlows.replace(
        stored,
        LoginFlow.start(
            flow.id(),
            flow.browser(),
            flow.request(),
            flow.channel(),
            flow.csrf(),
            Instant.now().minus(Duration.ofHours(1))),
        Duration.ofMinutes(5));

    Browser.Page page =
        started
            .browser()
            .submit(
                started.page(), "/method", Map.of("method", "bg-mvr-eid", "action", "continue"));

    assertThat(page.status()).isEqualTo(400);
    assertThat(page.body()).doesNotContain("SIMULATOR");
    Browser.assertNoStackTrace(page);
  }

  private static String authorizeWith(String requestUri) {
    return BASE
        + "/authorize?"
        + Browser.query(Map.of("client_id", MK_PORTAL, "request_uri", requestUri));
  }

  @Test
  void pushedRequestsAreValidatedAndAuthenticated() {
    Response invalid =
        given()
            .auth()
            .preemptive()
            .basic(MK_PORTAL, "test")
            .formParam("response_type", "code")
            .formParam("scope", "openid")
            .formParam("redirect_uri", "https://evil.test/cb")
            .formParam("code_challenge", Browser.s256("v".repeat(43)))
            .formParam("code_challenge_method", "S256")
            .post("/par");
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(invalid.jsonPath().getString("error")).isEqualTo("invalid_request");

    Response anonymous =
        given().formParam("client_id", MK_PORTAL).formParam("response_type", "code").post("/par");
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.jsonPath().getString("error")).isEqualTo("invalid_client");
  }

  // --- Logout -----------------------------------------------------------------------------------

  @Test
  void logoutReturnsOnlyToARegisteredUriOfTheHintedClient() throws Exception {
    Map<String, String> code = codeFor(MK_PORTAL, MK_PORTAL_CALLBACK);
    String idToken =
        redeem(MK_PORTAL, code.get("code"), MK_PORTAL_CALLBACK, code.get("verifier"))
            .jsonPath()
            .getString("id_token");

    Response back =
        given()
            .redirects()
            .follow(false)
            .queryParam("id_token_hint", idToken)
            .queryParam("post_logout_redirect_uri", "https://portal.mk.test/bye")
            .queryParam("state", "s-1")
            .get("/logout");
    assertThat(back.statusCode()).isEqualTo(303);
    assertThat(back.header("Location")).isEqualTo("https://portal.mk.test/bye?state=s-1");

    Response elsewhere =
        given()
            .redirects()
            .follow(false)
            .queryParam("id_token_hint", idToken)
            .queryParam("post_logout_redirect_uri", "https://evil.test/")
            .get("/logout");
    assertThat(elsewhere.statusCode()).isEqualTo(200);
    assertThat(elsewhere.header("Location")).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"{x}", "a&b=c", "%41%2", "ü € +", "#frag", "a+b", "{{}}/..?"})
  void logoutReturnsTheStateByteForByteByGetAndByPost(String state) throws Exception {
    for (String method : List.of("GET", "POST")) {
      var request =
          given()
              .redirects()
              .follow(false)
              .contentType("application/x-www-form-urlencoded; charset=UTF-8")
              .formParam("client_id", MK_PORTAL)
              .formParam("post_logout_redirect_uri", "https://portal.mk.test/bye")
              .formParam("state", state);
      Response back =
          method.equals("GET")
              ? given()
                  .redirects()
                  .follow(false)
                  .queryParam("client_id", MK_PORTAL)
                  .queryParam("post_logout_redirect_uri", "https://portal.mk.test/bye")
                  .queryParam("state", state)
                  .get("/logout")
              : request.post("/logout");

      assertThat(back.statusCode()).as(method + " " + back.asString()).isEqualTo(303);
      Browser.Page page = new Browser.Page(303, URI.create(back.header("Location")), "", null);
      assertThat(page.uri().getPath()).isEqualTo("/bye");
      assertThat(page.query()).as(method).containsExactly(Map.entry("state", state));
    }
  }

  @Test
  void anOverlongLogoutParameterIsRefusedWithAPage() {
    Response refused =
        given().redirects().follow(false).queryParam("state", "s".repeat(2049)).get("/logout");

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.header("Location")).isNull();
  }

  @Test
  void theLargestMaxAgeIsNeverAServerError() throws Exception {
    StartedLogin started =
        authorize(MK_PORTAL, MK_PORTAL_CALLBACK, Map.of("max_age", "9223372036854775807"));
    Browser.Page consent = national(started, "bg-mvr-eid", "bg-maria", "login");
    assertThat(consent.status()).as(consent.body()).isEqualTo(200);
    Browser.Page back = consent(started, consent, "allow");
    assertThat(back.query()).containsKey("code");
  }

  @Test
  void overlongParametersAreRefusedAndAnOverlongStateIsNotEchoed() throws Exception {
    StartedLogin longNonce =
        authorize(MK_PORTAL, MK_PORTAL_CALLBACK, Map.of("nonce", "n".repeat(513)));
    assertThat(longNonce.page().query())
        .containsEntry("error", "invalid_request")
        .containsEntry("state", longNonce.state());
    StartedLogin longState =
        authorize(MK_PORTAL, MK_PORTAL_CALLBACK, Map.of("state", "s".repeat(2049)));
    assertThat(longState.page().query())
        .containsEntry("error", "invalid_request")
        .doesNotContainKey("state");
  }

  // --- helpers ----------------------------------------------------------------------------------

}
