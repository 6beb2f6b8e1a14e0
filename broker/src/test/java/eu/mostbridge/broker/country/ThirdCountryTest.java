package eu.mostbridge.broker.country;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import eu.mostbridge.broker.login.Browser;
import eu.mostbridge.broker.login.StartedLogin;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A third country added from test code only: its factory ({@link SyntheticCountryFactory}) is on
 * the class path through this module's test {@code META-INF/services}, its section is configured
 * below, and nothing in the broker names it. A citizen of it logs in to a relying party that takes
 * its citizens, through its own eID (a small HTTP server here), with the scope, the choice page,
 * the consent and the tokens all derived from the registry.
 */
@QuarkusTest
@TestProfile(ThirdCountryTest.WithTheThirdCountry.class)
class ThirdCountryTest {
  private static final String BASE = "http://localhost:8081";
  private static final String CLIENT = "me-test-service";
  private static final String CALLBACK = "https://service.me.test/callback";
  private static final String SECRET = "synthetic-shared-secret";
  private static final String PERSON = "ME-TEST-0001";

  /** The synthetic eID: it signs every login as {@link #PERSON}, or with a wrong secret. */
  private static final HttpServer EID = start();

  private static final AtomicBoolean FORGE = new AtomicBoolean();

  /** Most configured with the synthetic eID's section and a relying party for its citizens. */
  public static class WithTheThirdCountry implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "most.national.me-test-eid.login-url",
          "http://localhost:" + EID.getAddress().getPort() + "/login",
          "most.national.me-test-eid.secret",
          SECRET,
          "most.clients-file",
          "src/test/resources/third-country-clients.yaml");
    }
  }

  private static HttpServer start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(0), 0); // localhost, by IPv4 or IPv6
      server.createContext(
          "/login",
          exchange -> {
            Map<String, String> query = new HashMap<>();
            for (String pair : exchange.getRequestURI().getRawQuery().split("&", -1)) {
              String[] kv = pair.split("=", 2);
              query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
            String state = query.get("state");
            byte[] secret =
                (FORGE.get() ? "another-secret" : SECRET).getBytes(StandardCharsets.UTF_8);
            String sig =
                Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(SyntheticCountryAdapter.signature(secret, state, PERSON));
            exchange
                .getResponseHeaders()
                .add(
                    "Location",
                    query.get("redirect_uri")
                        + "?state="
                        + state
                        + "&person="
                        + PERSON
                        + "&sig="
                        + sig);
            exchange.sendResponseHeaders(303, -1);
            exchange.close();
          });
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static StartedLogin begin() throws Exception {
    return StartedLogin.begin(
        new Browser(),
        BASE,
        CLIENT,
        CALLBACK,
        Map.of("scope", "openid eidas:country:me", "ui_locales", "en"));
  }

  @Test
  void theThirdCountryIsAScopeOfDiscoveryAndItsEidIsOnTheChoicePage() throws Exception {
    assertThat(
            given().get("/.well-known/openid-configuration").jsonPath().getList("scopes_supported"))
        .contains("eidas:country:me", "eidas:country:bg", "eidas:country:mk");

    StartedLogin started = begin();
    // Its only eID fits, so the login went straight to it and came back: the consent page.
    String flow = started.page().uri().getPath().split("/", -1)[2];
    Browser.Page choice = started.browser().get(BASE + "/login/" + flow + "?choose=1");

    assertThat(choice.status()).as(choice.body()).isEqualTo(200);
    assertThat(choice.body())
        .contains("Montenegro")
        .contains("Synthetic eID (tests only)")
        .contains("value=\"" + SyntheticCountryFactory.ID + "\"")
        .as("the relying party takes only the third country's citizens")
        .doesNotContain("value=\"bg-eauth\"", "value=\"mk-eid\"");
  }

  @Test
  void aCitizenOfTheThirdCountryLogsInThroughItsOwnEid() throws Exception {
    FORGE.set(false);
    StartedLogin started = begin();
    Browser browser = started.browser();

    Browser.Page consent = started.page();
    assertThat(consent.status()).as(consent.body()).isEqualTo(200);
    assertThat(consent.uri().getPath()).endsWith("/consent");
    assertThat(consent.body()).contains("Synthetic eID (tests only)").contains(PERSON);
    Browser.Page back = browser.submit(consent, "/consent", Map.of("action", "allow"));

    assertThat(back.uri().toString()).startsWith(CALLBACK + "?");
    Response tokens =
        given()
            .auth()
            .preemptive()
            .basic(CLIENT, "test")
            .contentType("application/x-www-form-urlencoded")
            .formParam("grant_type", "authorization_code")
            .formParam("code", back.query().get("code"))
            .formParam("redirect_uri", CALLBACK)
            .formParam("code_verifier", started.verifier())
            .post("/token");
    assertThat(tokens.statusCode()).as(tokens.asString()).isEqualTo(200);
    JWTClaimsSet claims =
        SignedJWT.parse(tokens.jsonPath().getString("id_token")).getJWTClaimsSet();
    assertThat(claims.getStringClaim("person_identifier"))
        .as("with no one other country, the citizen's own is the destination")
        .isEqualTo("ME/ME/" + PERSON);
    assertThat(claims.getStringClaim("acr")).isEqualTo("http://eidas.europa.eu/LoA/substantial");
  }

  @Test
  void anAnswerOfTheThirdCountrysEidSignedWithAnotherSecretIsRefused() throws Exception {
    FORGE.set(true);
    try {
      Browser.Page error = begin().page();

      assertThat(error.status()).isEqualTo(400);
      assertThat(error.body()).contains("could not be verified").doesNotContain(PERSON);
      Browser.assertNoStackTrace(error);
    } finally {
      FORGE.set(false);
    }
  }
}
