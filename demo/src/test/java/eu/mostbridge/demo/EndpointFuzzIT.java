package eu.mostbridge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import eu.mostbridge.broker.authorize.AuthorizationRequestValidator;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The authorization and logout endpoints of the packaged demo (the broker's own endpoints, with the
 * demo's public client {@code demo-tester}, over real HTTP) on fuzzed parameters: any parameter,
 * repeated or not, with any text, by GET or by POST. Whatever comes, the answer is never a 5xx,
 * never shows a stack trace, and a {@code state} that comes back to the relying party comes back
 * byte for byte.
 *
 * <p>The broker runs in its own process, so Jazzer's coverage guidance reaches only this harness:
 * the inputs are structured random requests, not coverage-guided ones. The broker's in-process
 * targets ({@code AuthorizationRequestFuzzTest}, {@code SamlResponseFuzzTest}) cover the parsers
 * with guidance.
 */
class EndpointFuzzIT {
  /** Every parameter the authorization endpoint reads, logout's, and one nobody reads. */
  private static final List<String> NAMES =
      java.util.stream.Stream.concat(
              AuthorizationRequestValidator.LIMITS.keySet().stream().sorted(),
              java.util.stream.Stream.of(
                  "id_token_hint", "post_logout_redirect_uri", "login_hint", "x"))
          .toList();

  private static final String CLIENT = "demo-tester";
  private static final String CALLBACK = "http://127.0.0.1:9/cb";

  private static Process broker;
  private static int port;
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @BeforeAll
  static void startTheBroker() throws Exception {
    port = freePort();
    int management = freePort();
    Path log = Path.of("target", "endpoint-fuzz-broker.log");
    broker =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.port=" + management,
                "-jar",
                Path.of("target", "quarkus-app", "quarkus-run.jar").toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    Instant deadline = Instant.now().plusSeconds(90);
    while (Instant.now().isBefore(deadline)) {
      if (!broker.isAlive()) {
        throw new IllegalStateException("The broker exited: " + Files.readString(log));
      }
      try {
        if (HTTP.send(
                    HttpRequest.newBuilder(
                            URI.create("http://localhost:" + management + "/q/health/ready"))
                        .build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode()
            == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("The broker was not ready in 90 s");
  }

  @AfterAll
  static void stopTheBroker() throws Exception {
    if (broker != null) {
      broker.destroy();
      if (!broker.waitFor(20, TimeUnit.SECONDS)) {
        broker.destroyForcibly();
      }
    }
  }

  @FuzzTest
  void authorizationAndLogoutNeverFailOnTheirInput(FuzzedDataProvider data) throws Exception {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    if (data.consumeBoolean()) {
      // Mostly a request that passes client and redirect checks, so the later rules are reached.
      parameters.put("client_id", new ArrayList<>(List.of(CLIENT)));
      parameters.put("redirect_uri", new ArrayList<>(List.of(CALLBACK)));
      parameters.put("response_type", new ArrayList<>(List.of("code")));
      parameters.put(
          "code_challenge",
          new ArrayList<>(List.of("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")));
      parameters.put("code_challenge_method", new ArrayList<>(List.of("S256")));
      parameters.put("scope", new ArrayList<>(List.of("openid")));
    }
    int count = data.consumeInt(0, 8);
    for (int i = 0; i < count; i++) {
      String name = data.pickValue(NAMES);
      List<String> values = parameters.computeIfAbsent(name, n -> new ArrayList<>());
      if (!data.consumeBoolean()) {
        values.clear(); // replaced, else repeated
      }
      values.add(data.consumeString(data.consumeBoolean() ? 40 : 3000));
    }
    String endpoint = data.consumeBoolean() ? "/authorize" : "/logout";
    boolean post = endpoint.equals("/logout") && data.consumeBoolean();
    String form = encode(parameters);

    HttpRequest.Builder request =
        post
            ? HttpRequest.newBuilder(URI.create(base() + endpoint))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
            : HttpRequest.newBuilder(URI.create(base() + endpoint + "?" + form)).GET();
    HttpResponse<String> answer;
    try {
      answer =
          HTTP.send(
              request.timeout(Duration.ofSeconds(20)).build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IllegalArgumentException unsendable) {
      return; // the JDK client refused to build it: nothing reached the broker
    }

    assertThat(answer.statusCode()).as("%s %s", endpoint, form).isLessThan(500);
    assertThat(answer.body()).doesNotContain("\tat ").doesNotContain("Exception");
    String location = answer.headers().firstValue("Location").orElse(null);
    List<String> states = parameters.get("state");
    if (location != null
        && !location.startsWith("/")
        && !location.startsWith(base())
        && states != null
        && states.size() == 1
        && !states.get(0).isEmpty()) {
      Map<String, String> back = query(URI.create(location).getRawQuery());
      if (back.containsKey("state")) {
        assertThat(back.get("state")).as("state echoed").isEqualTo(states.get(0));
      }
    }
  }

  private static String base() {
    return "http://localhost:" + port;
  }

  private static String encode(Map<String, List<String>> parameters) {
    List<String> pairs = new ArrayList<>();
    parameters.forEach(
        (name, values) ->
            values.forEach(
                value ->
                    pairs.add(
                        URLEncoder.encode(name, StandardCharsets.UTF_8)
                            + "="
                            + URLEncoder.encode(value, StandardCharsets.UTF_8))));
    return String.join("&", pairs);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new LinkedHashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&", -1)) {
        String[] kv = pair.split("=", 2);
        query.put(
            URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
            kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
      }
    }
    return query;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
