package eu.mostbridge.saml.metadata;

import eu.mostbridge.fetch.BoundedFetch;
import java.io.IOException;
import java.net.URI;
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
    return BoundedFetch.get(uri, timeout, MAX_BYTES);
  }
}
