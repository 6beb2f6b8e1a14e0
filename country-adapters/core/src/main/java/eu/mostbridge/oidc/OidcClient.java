package eu.mostbridge.oidc;

import com.nimbusds.jose.jwk.JWK;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Most as a client of one national OpenID provider.
 *
 * @param clientId the client ID registered there
 * @param clientSecret the secret for {@code client_secret_basic}, or empty
 * @param signingKey the private key for {@code private_key_jwt}, or empty; preferred when present
 * @param redirectUri the registered redirect URI (Most's callback for this adapter)
 * @param scopes the scopes to ask for, {@code openid} first
 */
public record OidcClient(
    String clientId,
    Optional<String> clientSecret,
    Optional<JWK> signingKey,
    URI redirectUri,
    List<String> scopes) {
  public OidcClient {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(redirectUri, "redirectUri");
    scopes = List.copyOf(scopes);
    if (clientSecret.isEmpty() && signingKey.isEmpty()) {
      throw new IllegalArgumentException(
          clientId + ": a client secret or a signing key is required");
    }
    if (signingKey.isPresent() && !signingKey.get().isPrivate()) {
      throw new IllegalArgumentException(clientId + ": the signing key has no private part");
    }
    if (!scopes.contains("openid")) {
      throw new IllegalArgumentException(clientId + ": the scopes must include openid");
    }
  }
}
