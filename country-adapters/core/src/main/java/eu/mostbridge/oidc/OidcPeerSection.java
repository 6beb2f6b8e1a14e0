package eu.mostbridge.oidc;

import eu.mostbridge.config.ConfigSection;
import eu.mostbridge.config.InvalidConfigurationException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the keys every OpenID Connect national eID's section shares (docs/BROKER.md): {@code
 * issuer}, {@code client-id}, {@code client-secret}, the endpoints (or discovery at start-up),
 * {@code algorithms}, {@code require-iss-in-response}, {@code clock-skew}, {@code http-timeout},
 * {@code token-shape} and {@code scopes}.
 */
public final class OidcPeerSection {
  private OidcPeerSection() {}

  /**
   * The provider: every endpoint as given, or discovered from the issuer when {@code
   * authorization-endpoint} is not; {@code defaultShape} unless {@code token-shape} says otherwise.
   */
  public static OidcProviderPeer provider(ConfigSection section, TokenShape defaultShape) {
    String issuer = section.required("issuer");
    Set<String> algorithms =
        section.list("algorithms").map(Set::copyOf).orElse(OidcProviderPeer.STRICT_ALGORITHMS);
    boolean requireIss = section.bool("require-iss-in-response").orElse(true);
    Duration skew = section.duration("clock-skew").orElse(Duration.ofSeconds(60));
    Duration timeout = section.duration("http-timeout").orElse(Duration.ofSeconds(5));
    TokenShape shape = section.enumValue("token-shape", TokenShape.class).orElse(defaultShape);
    Optional<URI> authorization = section.uri("authorization-endpoint");
    Optional<URI> token = section.uri("token-endpoint");
    Optional<URI> userInfo = section.uri("userinfo-endpoint");
    Optional<URI> jwks = section.uri("jwks-uri");
    if (authorization.isPresent()) {
      return new OidcProviderPeer(
          issuer,
          authorization.get(),
          token.orElseThrow(() -> missing(section, "token-endpoint")),
          userInfo,
          jwks.orElseThrow(() -> missing(section, "jwks-uri")),
          algorithms,
          requireIss,
          skew,
          timeout,
          shape);
    }
    if (token.isPresent() || userInfo.isPresent() || jwks.isPresent()) {
      throw section.problem(
          "authorization-endpoint",
          "is required with token-endpoint, userinfo-endpoint or jwks-uri (without them all, the"
              + " endpoints are discovered from the issuer)");
    }
    try {
      OidcProviderPeer discovered = OidcDiscovery.discover(issuer, algorithms, requireIss, timeout);
      return new OidcProviderPeer(
          discovered.issuer(),
          discovered.authorizationEndpoint(),
          discovered.tokenEndpoint(),
          discovered.userInfoEndpoint(),
          discovered.jwksUri(),
          discovered.idTokenAlgorithms(),
          requireIss,
          skew,
          timeout,
          shape);
    } catch (IOException e) {
      throw new InvalidConfigurationException(
          section.name()
              + ": discovery at "
              + issuer
              + " failed: "
              + e.getMessage()
              + " (or give authorization-endpoint, token-endpoint and jwks-uri)",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InvalidConfigurationException(section.name() + ": interrupted during discovery", e);
    }
  }

  /** Most as the provider's client, authenticating with {@code client_secret_basic}. */
  public static OidcClient client(ConfigSection section, URI callback) {
    return new OidcClient(
        section.required("client-id"),
        Optional.of(section.required("client-secret")),
        Optional.empty(),
        callback,
        section.list("scopes").orElse(List.of("openid")));
  }

  private static InvalidConfigurationException missing(ConfigSection section, String key) {
    return section.problem(key, "is required with authorization-endpoint");
  }
}
