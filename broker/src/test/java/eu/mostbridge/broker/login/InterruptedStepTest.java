package eu.mostbridge.broker.login;

import static eu.mostbridge.broker.login.LoginFlowTest.BASE;
import static org.assertj.core.api.Assertions.assertThat;

import eu.mostbridge.broker.flow.PushedRequests;
import eu.mostbridge.broker.state.CacheOutage;
import eu.mostbridge.broker.state.Caches;
import eu.mostbridge.broker.state.StateCaches;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A step that writes to more than one cache, interrupted by one of them failing (its owners died):
 * the citizen or the relying party is told to try again (503), and trying again works. Nothing the
 * step was to use up (a code, a consent, a pushed request) is used up by the failed try.
 */
@QuarkusTest
class InterruptedStepTest {
  private static final String CLIENT = "mk-ministry-portal";
  private static final String CALLBACK = "https://portal.mk.test/callback";

  @Inject StateCaches caches;
  @Inject PushedRequests pushedRequests;

  @Test
  void aCodeWhoseRedemptionWasInterruptedIsRedeemedOnTheNextTry() throws Exception {
    StartedLogin started = LoginFlowTest.authorize(CLIENT, CALLBACK, Map.of());
    Browser.Page back =
        LoginFlowTest.consent(
            started, LoginFlowTest.national(started, "bg-mvr-eid", "bg-maria", "login"), "allow");
    String code = back.query().get("code");

    Response interrupted;
    CacheOutage outage = CacheOutage.of(caches, Caches.ACCESS_TOKENS);
    try {
      interrupted = LoginFlowTest.redeem(CLIENT, code, CALLBACK, started.verifier());
    } finally {
      outage.close();
    }
    Response again = LoginFlowTest.redeem(CLIENT, code, CALLBACK, started.verifier());

    assertThat(interrupted.statusCode()).as(interrupted.asString()).isEqualTo(503);
    assertThat(again.statusCode()).as(again.asString()).isEqualTo(200);
    assertThat(LoginFlowTest.redeem(CLIENT, code, CALLBACK, started.verifier()).statusCode())
        .as("once redeemed, used up")
        .isEqualTo(400);
  }

  @Test
  void aConsentWhoseCodeCouldNotBeStoredIsGivenAgain() throws Exception {
    StartedLogin started = LoginFlowTest.authorize(CLIENT, CALLBACK, Map.of());
    Browser.Page consentPage = LoginFlowTest.national(started, "bg-mvr-eid", "bg-maria", "login");
    assertThat(consentPage.status()).as(consentPage.body()).isEqualTo(200);

    Browser.Page interrupted;
    CacheOutage outage = CacheOutage.of(caches, Caches.CODES);
    try {
      interrupted = LoginFlowTest.consent(started, consentPage, "allow");
    } finally {
      outage.close();
    }
    Browser.Page again = LoginFlowTest.consent(started, consentPage, "allow");

    assertThat(interrupted.status()).as(interrupted.body()).isEqualTo(503);
    Browser.assertNoStackTrace(interrupted);
    assertThat(again.uri().toString()).as(again.body()).startsWith(CALLBACK + "?");
    Response tokens =
        LoginFlowTest.redeem(CLIENT, again.query().get("code"), CALLBACK, started.verifier());
    assertThat(tokens.statusCode()).as(tokens.asString()).isEqualTo(200);
  }

  @Test
  void aPushedRequestWhoseLoginCouldNotStartIsUsedOnTheNextTry() throws Exception {
    String requestUri = "urn:ietf:params:oauth:request_uri:interrupted";
    pushedRequests.push(
        requestUri,
        new PushedRequests.Pushed(
            CLIENT,
            Map.of(
                "client_id", List.of(CLIENT),
                "response_type", List.of("code"),
                "scope", List.of("openid"),
                "redirect_uri", List.of(CALLBACK),
                "code_challenge", List.of(Browser.s256("v".repeat(43))),
                "code_challenge_method", List.of("S256")),
            Instant.now().plusSeconds(60)),
        Duration.ofMinutes(1));
    String authorize =
        BASE
            + "/authorize?"
            + Browser.query(Map.of("client_id", CLIENT, "request_uri", requestUri));

    Browser.Page interrupted;
    CacheOutage outage = CacheOutage.of(caches, Caches.LOGIN_FLOWS);
    try {
      interrupted = new Browser().get(authorize);
    } finally {
      outage.close();
    }
    Browser.Page again = new Browser().get(authorize);

    assertThat(interrupted.status()).as(interrupted.body()).isEqualTo(503);
    assertThat(again.status()).as(again.body()).isEqualTo(200);
    assertThat(new Browser().get(authorize).status()).as("used once").isEqualTo(400);
  }
}
