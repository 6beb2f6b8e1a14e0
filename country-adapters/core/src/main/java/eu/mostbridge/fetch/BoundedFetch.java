package eu.mostbridge.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * GETs a document a peer publishes (SAML metadata, OpenID discovery): http(s) only, no redirects, a
 * timeout, a size bound, and 200 as the only acceptable answer, so a broken or hostile server
 * cannot stall or flood Most at start-up or refresh.
 */
public final class BoundedFetch {
  private BoundedFetch() {}

  public static byte[] get(URI uri, Duration timeout, int maxBytes)
      throws IOException, InterruptedException {
    if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
      throw new IOException("Only http(s) documents are fetched: " + uri);
    }
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    HttpResponse<InputStream> response =
        client.send(
            HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
            HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        throw new IOException(uri + " answered HTTP " + response.statusCode());
      }
      byte[] bytes = body.readNBytes(maxBytes + 1);
      if (bytes.length > maxBytes) {
        throw new IOException(uri + " is larger than " + maxBytes + " bytes");
      }
      return bytes;
    }
  }
}
