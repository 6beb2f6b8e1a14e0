package eu.mostbridge.bench.micro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.mostbridge.adapter.BrowserStep;
import eu.mostbridge.adapter.NationalAnswer;
import eu.mostbridge.simulator.http.FormData;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The citizen's browser in front of a simulated national eID on loopback: it carries an adapter's
 * request there, picks a persona on the simulator's page and brings back what the national eID
 * answered. Only the fixtures use it, outside the measured code, to obtain real answers signed and
 * encrypted by the simulators.
 */
final class LoopbackBrowser {
  private static final Pattern HANDLE = Pattern.compile("name=\"request\" value=\"([0-9a-f]+)\"");
  private static final Pattern SAML_RESPONSE =
      Pattern.compile("name=\"SAMLResponse\" value=\"([^\"]+)\"");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /**
   * Sends {@code step} to a SAML IdP simulator, logs in as {@code persona} and returns the answer
   * the simulator's auto-post page would carry to Most's ACS.
   *
   * @param loginUri the simulator's picker endpoint ({@code …/login})
   */
  NationalAnswer samlLogin(BrowserStep step, URI loginUri, String persona)
      throws IOException, InterruptedException {
    String picker = send(step).body();
    String page = pick(loginUri, picker, persona).body();
    Matcher response = SAML_RESPONSE.matcher(page);
    if (!response.find()) {
      throw new IllegalStateException("The SAML simulator did not answer with a SAMLResponse");
    }
    return new NationalAnswer("POST", Map.of("SAMLResponse", List.of(response.group(1))));
  }

  /**
   * Follows an OIDC adapter's redirect to the simulator, logs in as {@code persona} and returns the
   * query of the redirect back to Most's callback (code, state, iss).
   */
  NationalAnswer oidcLogin(BrowserStep step, String persona)
      throws IOException, InterruptedException {
    String picker = send(step).body();
    HttpResponse<String> back = pick(step.target().resolve("login"), picker, persona);
    if (back.statusCode() != 303) {
      throw new IllegalStateException("The OIDC simulator answered " + back.statusCode());
    }
    URI location = URI.create(back.headers().firstValue("Location").orElseThrow());
    Map<String, List<String>> query = new LinkedHashMap<>();
    FormData.parse(location.getRawQuery())
        .forEach((name, value) -> query.put(name, List.of(value)));
    return new NationalAnswer("GET", query);
  }

  /**
   * Exchanges a code at the simulator's token endpoint as a relying party would, and returns the ID
   * token, for fixtures that validate tokens without the adapter's own exchange.
   */
  String idToken(
      URI tokenEndpoint,
      String clientId,
      String clientSecret,
      String redirectUri,
      String code,
      String codeVerifier)
      throws IOException, InterruptedException {
    String credentials =
        URLEncoder.encode(clientId, StandardCharsets.UTF_8)
            + ":"
            + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(tokenEndpoint)
                .header(
                    "Authorization",
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        form(
                            Map.of(
                                "grant_type", "authorization_code",
                                "code", code,
                                "redirect_uri", redirectUri,
                                "code_verifier", codeVerifier))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode body = JSON.readTree(response.body());
    if (response.statusCode() != 200 || !body.hasNonNull("id_token")) {
      throw new IllegalStateException("The token endpoint answered " + response.statusCode());
    }
    return body.get("id_token").asText();
  }

  private HttpResponse<String> send(BrowserStep step) throws IOException, InterruptedException {
    HttpRequest request =
        step instanceof BrowserStep.FormPost post
            ? HttpRequest.newBuilder(post.target())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(post.fields())))
                .build()
            : HttpRequest.newBuilder(step.target()).GET().build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> pick(URI loginUri, String pickerPage, String persona)
      throws IOException, InterruptedException {
    Matcher handle = HANDLE.matcher(pickerPage);
    if (!handle.find()) {
      // The simulator refused the request; its page says why (no personal data on it).
      throw new IllegalStateException("No persona picker: " + pickerPage);
    }
    return http.send(
        HttpRequest.newBuilder(loginUri)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    form(
                        Map.of("request", handle.group(1), "persona", persona, "action", "login"))))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
