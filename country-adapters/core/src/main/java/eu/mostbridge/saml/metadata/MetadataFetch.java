package eu.mostbridge.saml.metadata;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Reads metadata bytes from a file or an HTTP(S) URL, bounded in size and time. */
public final class MetadataFetch {
  /** Larger than any national IdP's metadata; bounds a hostile or broken server. */
  public static final int MAX_BYTES = 1024 * 1024;

  private MetadataFetch() {}

  public static byte[] file(Path path) throws IOException {
    if (Files.size(path) > MAX_BYTES) {
      throw new IOException(path + " is larger than " + MAX_BYTES + " bytes");
    }
    return Files.readAllBytes(path);
  }

  public static byte[] url(URI uri, Duration timeout) throws IOException, InterruptedException {
    if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
      throw new IOException("Metadata is fetched over http(s) only");
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
        throw new IOException("Metadata at " + uri + " answered HTTP " + response.statusCode());
      }
      byte[] bytes = body.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw new IOException("Metadata at " + uri + " is larger than " + MAX_BYTES + " bytes");
      }
      return bytes;
    }
  }
}
