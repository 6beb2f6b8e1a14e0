package eu.mostbridge.interop.spring;

import static org.assertj.core.api.Assertions.assertThat;

import eu.mostbridge.interop.Citizen;
import eu.mostbridge.interop.RunningDemo;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Spring Boot 4 relying party (Spring Security 7's OAuth 2.0 client), configured by properties
 * only, logs citizens in through the packaged demo broker: the demo's public {@code demo-tester}
 * (PKCE, no secret), and a confidential client with a secret. Spring Security reads discovery,
 * expects RS256 ID tokens unless told otherwise, sends PKCE, checks the nonce and calls userinfo
 * when the granted scope asks for profile data. Nothing on the Spring side is Most-specific.
 */
class SpringRelyingPartyTest {
  private static final String SECRET = "spring-secret";
  private static int springPort;
  private static RunningDemo broker;
  private static int brokerPort;

  @BeforeAll
  static void startTheDemoBroker() throws Exception {
    springPort = RunningDemo.freePort();
    Path clients = Path.of("target", "spring-clients.yaml");
    Files.createDirectories(clients.getParent());
    Files.writeString(
        clients,
        """
        clients:
          - id: spring-portal
            names: {bg: "Spring (тест)", mk: "Spring (тест)", en: "Spring portal (test)"}
            redirectUris: [http://127.0.0.1:%d/login/oauth2/code/most]
            secretHash: "sha256:%s"
            allowedCountries: [BG, MK]
            identifierPolicy: NATIONAL_NUMBER
        """
            .formatted(springPort, sha256(SECRET)),
        StandardCharsets.UTF_8);
    broker =
        RunningDemo.start(
            "demo-for-spring.log",
            Map.of("most.clients-file", clients.toAbsolutePath().toString()));
    brokerPort = broker.port();
  }

  @AfterAll
  static void stopTheDemoBroker() throws Exception {
    if (broker != null) {
      broker.close();
    }
  }

  /** The relying party: Spring Boot with the properties a ministry's developer would write. */
  private static ConfigurableApplicationContext relyingParty(
      String clientId, String secret, String scope) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("server.port", springPort);
    properties.put("server.address", "127.0.0.1");
    String provider = "spring.security.oauth2.client.provider.most.";
    properties.put(provider + "issuer-uri", "http://localhost:" + brokerPort);
    String registration = "spring.security.oauth2.client.registration.most.";
    properties.put(registration + "client-id", clientId);
    if (secret == null) {
      properties.put(registration + "client-authentication-method", "none");
    } else {
      properties.put(registration + "client-secret", secret);
    }
    properties.put(registration + "authorization-grant-type", "authorization_code");
    properties.put(registration + "redirect-uri", "{baseUrl}/login/oauth2/code/{registrationId}");
    properties.put(registration + "scope", scope);
    return new SpringApplicationBuilder(RelyingPartyApplication.class).properties(properties).run();
  }

  @ParameterizedTest(name = "{0}, scope {2}")
  @CsvSource({
    "demo-tester, , openid",
    "spring-portal, spring-secret, openid",
    "spring-portal, spring-secret, openid profile",
  })
  void aSpringBootRelyingPartyConfiguredByPropertiesLogsACitizenIn(
      String clientId, String secret, String scope) throws Exception {
    try (ConfigurableApplicationContext ignored =
        relyingParty(clientId, secret, scope.replace(' ', ','))) {
      Citizen citizen = new Citizen();
      Citizen.Page choose = citizen.open(URI.create("http://127.0.0.1:" + springPort + "/"));
      assertThat(choose.uri().getPort()).as(choose.body()).isEqualTo(brokerPort);
      Citizen.Page simulator =
          citizen.submit(choose, "/method", Map.of("method", "bg-mvr-eid", "action", "continue"));
      Citizen.Page consent =
          citizen.submit(simulator, "login", Map.of("persona", "bg-maria", "action", "login"));
      assertThat(consent.body()).as(consent.uri().toString()).contains("Maria");
      Citizen.Page signedIn = citizen.submit(consent, "/consent", Map.of("action", "allow"));

      assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
      assertThat(signedIn.uri().getPort()).isEqualTo(springPort);
      assertThat(signedIn.body())
          .contains("\"iss\":\"http://localhost:" + brokerPort + "\"")
          .contains("\"acr\":\"http://eidas.europa.eu/LoA/")
          .contains("\"person_identifier\":\"BG/MK/")
          .contains("\"family_name\":\"Petrova\"");
      // Spring Security read userinfo too, and found the same subject (it checks).
      assertThat(signedIn.body()).contains("\"userinfo\":{\"acr\"");
    }
  }

  private static String sha256(String secret) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
  }
}
