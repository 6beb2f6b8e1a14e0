package eu.mostbridge.broker.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import eu.mostbridge.broker.login.Browser;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Most behind a TLS-terminating proxy (an https issuer, plain http to the process): the binding
 * cookie takes the {@code __Host-} prefix and {@code Secure}, and every answer carries HSTS.
 */
@QuarkusTest
@TestProfile(HttpsIssuerTest.BehindTls.class)
class HttpsIssuerTest {
  /** The issuer browsers see is https. */
  public static class BehindTls implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("most.issuer", "https://most.test");
    }
  }

  @Test
  void aLoginGetsAHostPrefixedSecureCookieAndEveryAnswerHsts() {
    Response authorize =
        given()
            .redirects()
            .follow(false)
            .queryParam("client_id", "mk-ministry-portal")
            .queryParam("response_type", "code")
            .queryParam("scope", "openid")
            .queryParam("redirect_uri", "https://portal.mk.test/callback")
            .queryParam("code_challenge", Browser.s256("v".repeat(43)))
            .queryParam("code_challenge_method", "S256")
            .get("/authorize");

    assertThat(authorize.statusCode()).isEqualTo(303);
    assertThat(authorize.header("Set-Cookie"))
        .startsWith("__Host-most_browser=")
        .contains("Secure")
        .contains("HttpOnly")
        .containsIgnoringCase("SameSite=Lax")
        .doesNotContainIgnoringCase("Domain=");
    for (Response answer :
        new Response[] {authorize, given().get("/jwks"), given().get("/login/nothing")}) {
      assertThat(answer.header("Strict-Transport-Security")).isEqualTo("max-age=31536000");
    }
  }
}
