package eu.mostbridge.broker.eidas;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import eu.mostbridge.broker.config.TestClock;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.simulator.eidas.ProxyServiceMetadata;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The eIDAS identity providers' metadata over HTTP, read by the connector simulator's own code: one
 * per origin country, at its entity ID, signed, with the levels of that country's national eIDs in
 * the right family.
 */
@QuarkusTest
class ProxyServiceMetadataTest {
  private static final String BASE = "http://localhost:8081";

  @Inject ProxyServices services;
  @Inject TestClock clock;

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  private ProxyServiceMetadata read(String country) {
    Response response = given().get("/eidas/" + country + "/metadata");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.contentType()).startsWith("application/samlmetadata+xml");
    assertThat(response.header("Cache-Control")).isEqualTo("max-age=60");
    return ProxyServiceMetadata.read(
        response.asByteArray(),
        services
            .of(CountryCode.of(country.toUpperCase(java.util.Locale.ROOT)))
            .orElseThrow()
            .signing()
            .getPublicKey(),
        clock.instant());
  }

  @Test
  void macedonianCitizensHaveAnIdentityProviderWithNotNotifiedLevels() {
    ProxyServiceMetadata metadata = read("mk");

    assertThat(metadata.entityId()).isEqualTo(BASE + "/eidas/mk/metadata");
    assertThat(metadata.nodeCountry()).isEqualTo("MK");
    assertThat(metadata.singleSignOnPost()).isEqualTo(BASE + "/eidas/mk/sso");
    assertThat(metadata.singleSignOnRedirect()).isEqualTo(BASE + "/eidas/mk/sso");
    assertThat(metadata.levels())
        .isNotEmpty()
        .allMatch(level -> level.startsWith("http://eidas.europa.eu/NotNotified/LoA/"));
    assertThat(metadata.signingCertificates()).hasSize(1);
    assertThat(metadata.encryptionCertificates())
        .hasSize(1)
        .doesNotContainAnyElementsOf(metadata.signingCertificates());
    assertThat(metadata.validUntil()).isAfter(clock.instant().plus(Duration.ofDays(6)));
  }

  @Test
  void bulgarianCitizensHaveAnIdentityProviderWithNotifiedLevels() {
    ProxyServiceMetadata metadata = read("bg");

    assertThat(metadata.entityId()).isEqualTo(BASE + "/eidas/bg/metadata");
    assertThat(metadata.nodeCountry()).isEqualTo("BG");
    assertThat(metadata.levels())
        .isNotEmpty()
        .allMatch(level -> level.startsWith("http://eidas.europa.eu/LoA/"));
  }

  @Test
  void theMetadataIsSignedOnceAnHour() {
    String first = given().get("/eidas/mk/metadata").asString();

    assertThat(given().get("/eidas/mk/metadata").asString()).isEqualTo(first);
    clock.advance(Duration.ofMinutes(61));
    assertThat(given().get("/eidas/mk/metadata").asString()).isNotEqualTo(first);
  }

  @ParameterizedTest
  @ValueSource(strings = {"xx", "MK", "de", "mk%2F..", "bg-eauth"})
  void noOtherIdentityProviderExists(String country) {
    Response response = given().urlEncodingEnabled(false).get("/eidas/" + country + "/metadata");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.asString()).doesNotContain("Exception").doesNotContain("at eu.");
  }
}
