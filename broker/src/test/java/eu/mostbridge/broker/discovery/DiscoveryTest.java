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
        // OpenID Connect Discovery: RS256 must be listed; Core: mandatory to implement.
        .body("id_token_signing_alg_values_supported", containsInAnyOrder("RS256", "ES256"))
        .body("subject_types_supported", contains("pairwise"))
        .body("response_modes_supported", contains("query"))
        .body("grant_types_supported", contains("authorization_code"))
        .body("claims_parameter_supported", equalTo(true))
        .body("request_parameter_supported", equalTo(false))
        .body("request_uri_parameter_supported", equalTo(false))
        .body("verified_claims_supported", equalTo(true))
        .body("trust_frameworks_supported", contains("eidas"))
        .body("claims_supported", hasItems("sub", "person_identifier", "verified_claims"));
  }

  @Test
  void theJwksPublishesOnlyPublicKeys() {
    given()
        .get("/jwks")
        .then()
        .statusCode(200)
        .body("keys", hasSize(2))
        .body("keys.kty", containsInAnyOrder("RSA", "EC"))
        .body("keys.alg", containsInAnyOrder("RS256", "ES256"))
        .body("keys[0]", hasKey("kid"))
        .body("keys[0]", not(hasKey("d")))
        .body("keys[1]", not(hasKey("d")))
        .body("keys[0]", not(hasKey("p")));
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
