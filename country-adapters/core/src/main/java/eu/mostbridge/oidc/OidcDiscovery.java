package eu.mostbridge.oidc;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import eu.mostbridge.fetch.BoundedFetch;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * OpenID Connect discovery: reads {@code <issuer>/.well-known/openid-configuration} (bounded in
 * size and time), parses it with the Nimbus SDK, and checks that it names the same issuer (OpenID
 * Connect Discovery 1.0, section 4.3) and supports the code flow with PKCE S256.
 */
public final class OidcDiscovery {
  private static final int MAX_BYTES = 256 * 1024;

  private OidcDiscovery() {}

  /**
   * The provider at {@code issuer}, trusted with those of the given ID token algorithms it
   * advertises (at least one).
   */
  public static OidcProviderPeer discover(
      String issuer,
      Set<String> idTokenAlgorithms,
      boolean requireIssuerInResponse,
      Duration timeout)
      throws IOException, InterruptedException {
    URI location = URI.create(issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration");
    String json =
        new String(BoundedFetch.get(location, timeout, MAX_BYTES), StandardCharsets.UTF_8);
    OIDCProviderMetadata metadata;
    try {
      metadata = OIDCProviderMetadata.parse(json);
    } catch (ParseException e) {
      throw new IOException(
          "Discovery at " + location + " is not valid provider metadata: " + e.getMessage(), e);
    }
    if (!issuer.equals(metadata.getIssuer().getValue())) {
      throw new IOException("Discovery at " + location + " names another issuer");
    }
    if (metadata.getCodeChallengeMethods() == null
        || metadata.getCodeChallengeMethods().stream()
            .noneMatch(m -> "S256".equals(m.getValue()))) {
      throw new IOException(issuer + " does not advertise PKCE S256");
    }
    Set<String> usable = idTokenAlgorithms;
    if (metadata.getIDTokenJWSAlgs() != null) {
      usable =
          idTokenAlgorithms.stream()
              .filter(
                  a -> metadata.getIDTokenJWSAlgs().stream().anyMatch(m -> m.getName().equals(a)))
              .collect(java.util.stream.Collectors.toUnmodifiableSet());
      if (usable.isEmpty()) {
        throw new IOException(issuer + " signs ID tokens with none of " + idTokenAlgorithms);
      }
    }
    return new OidcProviderPeer(
        issuer,
        metadata.getAuthorizationEndpointURI(),
        metadata.getTokenEndpointURI(),
        Optional.ofNullable(metadata.getUserInfoEndpointURI()),
        metadata.getJWKSetURI(),
        usable,
        requireIssuerInResponse,
        Duration.ofSeconds(60),
        timeout);
  }
}
