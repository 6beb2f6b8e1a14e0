package eu.mostbridge.broker.discovery;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import eu.mostbridge.broker.Management;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DiscoveryTest {
  @Test
  void discoveryStatesWhatRelyingPartiesCanUse() {
    given()
        .get("/.well-known/openid-configuration")
        .then()
        .statusCode(200)
        .contentType("application/json")
        .body("issuer", equalTo("http://localhost:8081"))
        .body("authorization_endpoint", equalTo("http://localhost:8081/authorize"))
        .body("jwks_uri", equalTo("http://localhost:8081/jwks"))
        .body("pushed_authorization_request_endpoint", equalTo("http://localhost:8081/par"))
        .body("response_types_supported", contains("code"))
        .body("code_challenge_methods_supported", contains("S256"))
        .body("authorization_response_iss_parameter_supported", equalTo(true))
        .body("scopes_supported", hasItems("openid", "eidas:country:bg", "eidas:country:mk"))
        .body(
            "acr_values_supported",
            contains(
                "http://eidas.europa.eu/LoA/low",
                "http://eidas.europa.eu/LoA/substantial",
                "http://eidas.europa.eu/LoA/high"))
        .body("ui_locales_supported", containsInAnyOrder("bg", "mk", "en"))
        .body("id_token_signing_alg_values_supported", contains("ES256"))
        .body("subject_types_supported", hasItems("pairwise"));
  }

  @Test
  void theJwksPublishesOnlyPublicKeys() {
    given()
        .get("/jwks")
        .then()
        .statusCode(200)
        .body("keys", hasSize(1))
        .body("keys[0].kty", equalTo("EC"))
        .body("keys[0].alg", equalTo("ES256"))
        .body("keys[0]", hasKey("kid"))
        .body("keys[0]", not(hasKey("d")));
  }

  @Test
  void theBrokerReportsReadyOnItsManagementPortOnly() {
    Management.given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    Management.given().get("/q/metrics").then().statusCode(200);
    // The port the Ingress publishes serves neither: metrics name clients and count their logins.
    given().get("/q/metrics").then().statusCode(404);
    given().get("/q/health/ready").then().statusCode(404);
  }
}
