package eu.mostbridge.oidc;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A national OpenID provider as Most trusts it.
 *
 * @param issuer the exact {@code iss} its ID tokens and authorization responses carry
 * @param authorizationEndpoint where the browser is sent
 * @param tokenEndpoint where codes are exchanged
 * @param userInfoEndpoint where more claims are fetched, if used
 * @param jwksUri its signing keys
 * @param idTokenAlgorithms the JWS algorithms accepted for ID tokens; the strict default is PS256
 *     and ES256, anything else (RS256, as Keycloak-based providers use by default) is an explicit
 *     relaxation for this provider
 * @param requireIssuerInResponse refuse authorization responses without {@code iss} (RFC 9207)
 * @param clockSkew tolerance for the provider's clock, at most 5 minutes
 * @param httpTimeout connect and read timeout of back-channel calls
 * @param tokenShape what carries the identity and the level: an ID token (the default) or, for a
 *     provider that issues none, its signed JWT access token ({@code ACCESS_TOKEN_IDENTITY})
 */
public record OidcProviderPeer(
    String issuer,
    URI authorizationEndpoint,
    URI tokenEndpoint,
    Optional<URI> userInfoEndpoint,
    URI jwksUri,
    Set<String> idTokenAlgorithms,
    boolean requireIssuerInResponse,
    Duration clockSkew,
    Duration httpTimeout,
    TokenShape tokenShape) {
  /** The algorithms accepted without relaxation. */
  public static final Set<String> STRICT_ALGORITHMS = Set.of("PS256", "ES256");

  /** A provider that issues ID tokens, as OpenID Connect has it. */
  public OidcProviderPeer(
      String issuer,
      URI authorizationEndpoint,
      URI tokenEndpoint,
      Optional<URI> userInfoEndpoint,
      URI jwksUri,
      Set<String> idTokenAlgorithms,
      boolean requireIssuerInResponse,
      Duration clockSkew,
      Duration httpTimeout) {
    this(
        issuer,
        authorizationEndpoint,
        tokenEndpoint,
        userInfoEndpoint,
        jwksUri,
        idTokenAlgorithms,
        requireIssuerInResponse,
        clockSkew,
        httpTimeout,
        TokenShape.ID_TOKEN);
  }

  public OidcProviderPeer {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(tokenShape, "tokenShape");
    Objects.requireNonNull(authorizationEndpoint, "authorizationEndpoint");
    Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
    Objects.requireNonNull(userInfoEndpoint, "userInfoEndpoint");
    Objects.requireNonNull(jwksUri, "jwksUri");
    idTokenAlgorithms = Set.copyOf(idTokenAlgorithms);
    if (idTokenAlgorithms.isEmpty()
        || idTokenAlgorithms.stream().anyMatch(a -> a.startsWith("HS") || a.equals("none"))) {
      throw new IllegalArgumentException(
          issuer + ": ID token algorithms must be asymmetric signatures (no none, no HS*)");
    }
    if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
      throw new IllegalArgumentException(issuer + ": clock skew must be 0 to 5 minutes");
    }
  }

  /**
   * Every departure from the strict profile, by name: each ID token algorithm beyond PS256 and
   * ES256, {@code NO_ISS_IN_RESPONSE} when RFC 9207's {@code iss} is not required, {@code
   * ACCESS_TOKEN_IDENTITY} when the identity comes from an access token.
   */
  public Set<String> relaxations() {
    java.util.Set<String> all = new java.util.TreeSet<>();
    idTokenAlgorithms.stream().filter(a -> !STRICT_ALGORITHMS.contains(a)).forEach(all::add);
    if (!requireIssuerInResponse) {
      all.add("NO_ISS_IN_RESPONSE");
    }
    if (tokenShape == TokenShape.ACCESS_TOKEN) {
      all.add("ACCESS_TOKEN_IDENTITY");
    }
    return java.util.Collections.unmodifiableSet(all);
  }
}
