package eu.mostbridge.keycloak.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Keycloak's admin REST API as the bootstrap administrator ({@code admin}/{@code admin} of {@link
 * KeycloakServer}), and the wait for a process's URL to answer.
 *
 * @param base Keycloak's base URL, such as {@code http://127.0.0.1:8080}
 */
record KeycloakAdmin(String base) {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  /** A fresh access token of the master realm's administrator. */
  String token() throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(base + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "grant_type=password&client_id=admin-cli&username=admin&password=admin"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return (String) JSON.readValue(response.body(), Map.class).get("access_token");
  }

  /** {@code method} on {@code /admin/realms<path>} with {@code body} as JSON; any answer. */
  HttpResponse<String> call(String method, String path, Object body)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(base + "/admin/realms" + path))
            .header("Authorization", "Bearer " + token())
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** As {@link #call}, and the answer must be a success. */
  HttpResponse<String> require(String method, String path, Object body)
      throws IOException, InterruptedException {
    HttpResponse<String> response = call(method, path, body);
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(
          method + " " + path + ": " + response.statusCode() + " " + response.body());
    }
    return response;
  }

  /** Waits until {@code url} answers 200, while {@code process} runs. */
  static void await(String url, Duration limit, Process process)
      throws IOException, InterruptedException {
    Instant until = Instant.now().plus(limit);
    while (Instant.now().isBefore(until)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("The process for " + url + " ended; see its log");
      }
      try {
        if (HTTP.send(
                    HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode()
            == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(1000);
    }
    throw new IllegalStateException(url + " did not come up within " + limit);
  }
}
