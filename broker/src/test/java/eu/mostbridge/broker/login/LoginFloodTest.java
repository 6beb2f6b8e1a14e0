package eu.mostbridge.broker.login;

import static org.assertj.core.api.Assertions.assertThat;

import eu.mostbridge.broker.security.TestLogs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A flood of authorization requests against a replica bound to three logins in flight ({@code
 * most.state.max-logins-in-flight}): the fourth citizen is told to retry, not given a 500, the
 * refusal is audited, and the logins under way still complete.
 */
@QuarkusTest
@TestProfile(LoginFloodTest.ThreeInFlight.class)
class LoginFloodTest {
  private static final String CLIENT = "bg-municipality";
  private static final String CALLBACK = "https://obshtina.bg.test/callback";

  /** The broker of the test profile, holding at most three logins in flight. */
  public static class ThreeInFlight implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("most.state.max-logins-in-flight", "3");
    }
  }

  @Test
  void beyondTheBoundNewLoginsAreRefusedAndLoginsUnderWayGoOn() throws Exception {
    List<StartedLogin> underWay = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      StartedLogin started = LoginFlowTest.authorize(CLIENT, CALLBACK, Map.of());
      assertThat(started.page().status()).isEqualTo(200);
      underWay.add(started);
    }
    long refusalsBefore = fullRefusals();

    StartedLogin refused = LoginFlowTest.authorize(CLIENT, CALLBACK, Map.of());

    assertThat(refused.page().status()).isEqualTo(503);
    assertThat(refused.page().response().headers().firstValue("Retry-After")).contains("5");
    assertThat(refused.page().body()).contains("temporarily unavailable");
    Browser.assertNoStackTrace(refused.page());
    assertThat(fullRefusals()).isEqualTo(refusalsBefore + 1);

    // A login under way takes its next steps and ends; its place is then free again.
    StartedLogin first = underWay.get(0);
    Browser.Page back =
        LoginFlowTest.consent(
            first, LoginFlowTest.national(first, "mk-eid", "mk-ljubica", "login"), "allow");
    Response token =
        LoginFlowTest.redeem(CLIENT, back.query().get("code"), CALLBACK, first.verifier());
    assertThat(token.statusCode()).as(token.asString()).isEqualTo(200);
    assertThat(LoginFlowTest.authorize(CLIENT, CALLBACK, Map.of()).page().status()).isEqualTo(200);
  }

  private static long fullRefusals() throws Exception {
    return TestLogs.auditEvents().stream()
        .filter(l -> l.contains("state.unavailable") && l.contains("full"))
        .count();
  }
}
