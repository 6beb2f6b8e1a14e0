package eu.mostbridge.broker.login;

import static org.assertj.core.api.Assertions.assertThat;

import eu.mostbridge.broker.Management;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.infinispan.client.hotrod.RemoteCacheManager;
import org.infinispan.client.hotrod.configuration.ConfigurationBuilder;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Whole logins with the broker's state on an Infinispan Server ({@code most.state.mode=remote}): a
 * real Hot Rod server in its own process, Most's caches created there, codes taken once, and a
 * clear 503 (not a 500) when the server is gone.
 */
@QuarkusTest
@TestProfile(LoginOnInfinispanServerTest.OnServer.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoginOnInfinispanServerTest {
  private static final String CLIENT = "bg-municipality";
  private static final String CALLBACK = "https://obshtina.bg.test/callback";

  /** The test profile, with the server started before the broker. */
  public static class OnServer implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(InfinispanServerResource.class));
    }
  }

  private static Set<String> cachesOnServer() {
    RemoteCacheManager client =
        new RemoteCacheManager(
            new ConfigurationBuilder()
                .addServers("127.0.0.1:" + InfinispanServerResource.port())
                .build());
    try {
      return client.getCacheNames();
    } finally {
      client.stop();
    }
  }

  @Test
  @Order(1)
  void aLoginCompletesWithItsStateOnTheServer() throws Exception {
    var claims = LoginFlowTest.login(CLIENT, CALLBACK, "mk-eid", "mk-gjorgji", null);

    assertThat(claims.getStringClaim("person_identifier")).startsWith("MK/BG/");
    assertThat(cachesOnServer())
        .contains(
            "most-login-flows",
            "most-national-requests",
            "most-codes",
            "most-access-tokens",
            "most-pushed-requests",
            "most-replay");
    assertThat(Management.given().get("/q/health/ready").asString())
        .contains("\"state\": \"remote\"");
  }

  @Test
  @Order(2)
  void aCodeIsTakenFromTheServerOnce() throws Exception {
    StartedLogin started = LoginFlowTest.authorize(CLIENT, CALLBACK, Map.of());
    Browser.Page back =
        LoginFlowTest.consent(
            started, LoginFlowTest.national(started, "mk-eid", "mk-ljubica", "login"), "allow");
    String code = back.query().get("code");

    Response first = LoginFlowTest.redeem(CLIENT, code, CALLBACK, started.verifier());
    Response second = LoginFlowTest.redeem(CLIENT, code, CALLBACK, started.verifier());

    assertThat(first.statusCode()).as(first.asString()).isEqualTo(200);
    assertThat(second.statusCode()).isEqualTo(400);
    assertThat(second.jsonPath().getString("error")).isEqualTo("invalid_grant");
  }

  @Test
  @Order(3)
  void withoutTheServerCitizensAndClientsAreToldToRetryNotGivenA500() throws Exception {
    StartedLogin started = LoginFlowTest.authorize(CLIENT, CALLBACK, Map.of());
    // A second login whose national answer (eid.mk's SAML Response) is on its way back.
    StartedLogin answered = LoginFlowTest.authorize(CLIENT, CALLBACK, Map.of());
    Browser.Page choice = answered.browser().choose(answered.page(), "mk-eid");
    Browser.Page picker = answered.browser().submit(choice, "/sim/", Map.of());
    Browser.Page answer =
        answered
            .browser()
            .submit(picker, "login", Map.of("persona", "mk-gjorgji", "action", "login"));
    assertThat(answer.body()).contains("SAMLResponse");
    InfinispanServerResource.kill();
    try {
      Browser.Page back = answered.browser().submit(answer, "/callback/", Map.of());
      assertThat(back.status()).as("refused while the state is unreachable").isEqualTo(503);
      assertThat(back.response().headers().firstValue("Retry-After")).contains("5");
      Browser.assertNoStackTrace(back);

      // Its only eID, eid.mk, was started at once; the choice page is one step of it still.
      assertThat(started.page().uri().getPath()).startsWith("/login/");
      Browser.Page page = started.browser().get(started.page().uri() + "?choose=1");
      assertThat(page.status()).isEqualTo(503);
      assertThat(page.response().headers().firstValue("Retry-After")).contains("5");
      assertThat(page.body()).contains("temporarily unavailable");
      Browser.assertNoStackTrace(page);

      Response token = LoginFlowTest.redeem(CLIENT, "any-code", CALLBACK, "x".repeat(43));
      assertThat(token.statusCode()).isEqualTo(503);
      assertThat(token.jsonPath().getString("error")).isEqualTo("temporarily_unavailable");
      // Every endpoint that answers relying parties in JSON answers its 503 in JSON too.
      Response userinfo =
          io.restassured.RestAssured.given()
              .header("Authorization", "Bearer " + "x".repeat(43))
              .get("/userinfo");
      assertThat(userinfo.statusCode()).as(userinfo.asString()).isEqualTo(503);
      assertThat(userinfo.jsonPath().getString("error")).isEqualTo("temporarily_unavailable");
      Response pushed =
          io.restassured.RestAssured.given()
              .auth()
              .preemptive()
              .basic(CLIENT, "test")
              .formParam("response_type", "code")
              .formParam("scope", "openid")
              .formParam("redirect_uri", CALLBACK)
              .formParam("code_challenge", Browser.s256("y".repeat(43)))
              .formParam("code_challenge_method", "S256")
              .post("/par");
      assertThat(pushed.statusCode()).as(pushed.asString()).isEqualTo(503);
      assertThat(pushed.jsonPath().getString("error")).isEqualTo("temporarily_unavailable");
      assertThat(Management.given().get("/q/health/ready").statusCode()).isEqualTo(503);
    } finally {
      InfinispanServerResource.startServer();
    }
  }
}
