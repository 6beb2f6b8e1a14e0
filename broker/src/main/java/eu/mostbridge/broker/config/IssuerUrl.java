package eu.mostbridge.broker.config;

import java.net.URI;

/**
 * The issuer as every URL is built from it: {@code most.issuer} without trailing slashes, as it
 * appears in {@code iss} and discovery.
 *
 * @param base the issuer, e.g. {@code https://most.example.bg}
 */
public record IssuerUrl(String base) {
  public static IssuerUrl of(BrokerConfig config) {
    return of(config.issuer());
  }

  public static IssuerUrl of(URI issuer) {
    return new IssuerUrl(issuer.toString().replaceAll("/+$", ""));
  }

  /** Whether browsers reach Most over https (then cookies are Secure and HSTS is sent). */
  public boolean secure() {
    return base.startsWith("https:");
  }

  /** The absolute URL of {@code path} (starting with a slash) under the issuer. */
  public URI resolve(String path) {
    return URI.create(base + path);
  }

  @Override
  public String toString() {
    return base;
  }
}
