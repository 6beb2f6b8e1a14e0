package eu.mostbridge.interop.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
  private static Process broker;
  private static int brokerPort;
  private static final Path LOG = Path.of("target", "demo-for-spring.log");

  @BeforeAll
  static void startTheDemoBroker() throws Exception {
    springPort = freePort();
    brokerPort = freePort();
    int management = freePort();
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
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-Dquarkus.http.port=" + brokerPort,
                "-Dquarkus.management.port=" + management,
                "-Dmost.clients-file=" + clients.toAbsolutePath(),
                "-jar",
                Path.of(System.getProperty("most.demo.jar")).toString())
            .redirectErrorStream(true)
            .redirectOutput(LOG.toFile())
            .start();
    HttpClient http = HttpClient.newHttpClient();
    Instant deadline = Instant.now().plusSeconds(90);
    while (Instant.now().isBefore(deadline)) {
      if (!broker.isAlive()) {
        throw new IllegalStateException("The demo exited: " + Files.readString(LOG));
      }
      try {
        HttpResponse<Void> ready =
            http.send(
                HttpRequest.newBuilder(
                        URI.create("http://localhost:" + management + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (ready.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // starting
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("The demo was not ready in 90 s");
  }

  @AfterAll
  static void stopTheDemoBroker() throws Exception {
    if (broker != null) {
      broker.destroy();
      if (!broker.waitFor(20, TimeUnit.SECONDS)) {
        broker.destroyForcibly();
      }
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

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
