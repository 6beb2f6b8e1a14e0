package eu.mostbridge.broker.login;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import eu.mostbridge.broker.Management;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The demo as a visitor uses it: the two demo services, and the public {@code demo-tester}. */
@QuarkusTest
class DemoTest {
  private static final String BASE = "http://localhost:8081";

  @ParameterizedTest(name = "{0} with {1} as {2}")
  @CsvSource({
    "mk-service, bg-eauth, bg-georgi, Georgi Yordanov",
    "mk-service, bg-mvr-eid, bg-maria, Maria Shtereva",
    "bg-service, mk-eid, mk-ljubica, Ljubica",
  })
  void aDemoServiceShowsTheClaimsItReceived(
      String service, String method, String persona, String givenName) throws Exception {
    Browser browser = new Browser();
    Browser.Page home = browser.get(BASE + "/demo/" + service + "/");
    assertThat(home.body()).contains("Log in with your national eID");

    Browser.Page choose = browser.get(BASE + "/demo/" + service + "/login?ui_locales=en");
    Browser.Page page = throughSimulator(browser, choose, method, persona);
    Browser.Page result = browser.submit(page, "/consent", Map.of("action", "allow"));

    assertThat(result.status()).as(result.body()).isEqualTo(200);
    assertThat(result.body())
        .contains("Logged in")
        .contains("person_identifier")
        .contains(givenName)
        .contains("(userinfo, HTTP 200)");
  }

  /** Chooses {@code method} and logs in as {@code persona}, over SAML or OpenID Connect. */
  private static Browser.Page throughSimulator(
      Browser browser, Browser.Page choose, String method, String persona) throws Exception {
    Browser.Page page = browser.choose(choose, method);
    if (page.body().contains("action=\"" + BASE + "/sim/")) {
      page = browser.submit(page, "/sim/", Map.of()); // the SAML HTTP-POST binding
    }
    page = browser.submit(page, "login", Map.of("persona", persona, "action", "login"));
    if (page.body().contains("/callback/")) {
      page = browser.submit(page, "/callback/", Map.of()); // the SAML answer, posted back
    }
    return page;
  }

  /** RFC 8252 section 7.3: the IPv4 and the IPv6 loopback address, any port. */
  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "[::1]"})
  void theDemoTesterAcceptsAnyLoopbackRedirectWithoutASecret(String loopback) throws Exception {
    String redirect = "http://" + loopback + ":49152/any/path";
    String verifier = UUID.randomUUID() + "." + UUID.randomUUID();
    Browser browser = new Browser();
    Browser.Page choose =
        browser.get(
            BASE
                + "/authorize?"
                + Browser.query(
                    Map.of(
                        "client_id", "demo-tester",
                        "response_type", "code",
                        "scope", "openid eidas:country:mk",
                        "redirect_uri", redirect,
                        "state", "st",
                        "code_challenge", Browser.s256(verifier),
                        "code_challenge_method", "S256")));
    Browser.Page page = throughSimulator(browser, choose, "mk-eid", "mk-gjorgji");
    Browser.Page back = browser.submit(page, "/consent", Map.of("action", "allow"));
    assertThat(back.uri().toString()).startsWith(redirect + "?");

    Response tokens =
        given()
            .formParam("grant_type", "authorization_code")
            .formParam("client_id", "demo-tester")
            .formParam("code", back.query().get("code"))
            .formParam("redirect_uri", redirect)
            .formParam("code_verifier", verifier)
            .post("/token");

    assertThat(tokens.statusCode()).as(tokens.asString()).isEqualTo(200);
    assertThat(tokens.jsonPath().getString("id_token")).isNotBlank();
  }

  @Test
  void theDemoTesterRefusesANonLoopbackRedirect() throws Exception {
    Browser.Page refused =
        new Browser()
            .get(
                BASE
                    + "/authorize?"
                    + Browser.query(
                        Map.of(
                            "client_id", "demo-tester",
                            "response_type", "code",
                            "scope", "openid",
                            "redirect_uri", "http://localhost:49152/cb",
                            "code_challenge", Browser.s256("v".repeat(43)),
                            "code_challenge_method", "S256")));

    assertThat(refused.status()).isEqualTo(400);
  }

  @Test
  void metricsCountLoginsByClientAndOutcome() throws Exception {
    Browser browser = new Browser();
    Browser.Page choose = browser.get(BASE + "/demo/mk-service/login");
    browser.submit(choose, "/method", Map.of("action", "cancel"));

    String metrics = Management.given().get("/q/metrics").asString();

    assertThat(metrics)
        .containsPattern(
            "most_logins_total\\{[^}]*client=\"demo-mk-service\"[^}]*outcome=\"access_denied\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"bg-eauth", "mk-eid"})
  void mostsSamlMetadataIsServedAtItsEntityId(String eid) {
    Response metadata = given().get("/saml/" + eid);

    assertThat(metadata.statusCode()).isEqualTo(200);
    assertThat(metadata.contentType()).startsWith("application/samlmetadata+xml");
    assertThat(metadata.asString())
        .contains("entityID=\"" + BASE + "/saml/" + eid + "\"")
        .contains("Location=\"" + BASE + "/callback/" + eid + "\"")
        .contains("<ds:Signature");
  }

  @Test
  void anEidSpeakingOpenIdConnectHasNoSamlMetadata() {
    assertThat(given().get("/saml/bg-mvr-eid").statusCode()).as("not a SAML eID").isEqualTo(404);
  }
}
