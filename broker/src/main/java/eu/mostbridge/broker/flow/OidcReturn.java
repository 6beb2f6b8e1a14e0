package eu.mostbridge.broker.flow;

import eu.mostbridge.broker.client.ClientRegistration;
import eu.mostbridge.broker.token.RequestedClaims;
import java.net.URI;
import java.util.Optional;

/**
 * An OpenID Connect login's way back: a code (or an error) to the client's redirect URI, and what
 * redeeming the code needs.
 *
 * @param client the relying party
 * @param redirectUri the redirect URI as sent (registered, or a loopback variant of one)
 * @param state the relying party's state, echoed back
 * @param nonce the relying party's nonce, put in the ID token
 * @param codeChallenge the PKCE S256 challenge
 * @param claims what the {@code claims} parameter asked for
 * @param scope the scopes granted, as the token response states them
 */
public record OidcReturn(
    ClientRegistration client,
    URI redirectUri,
    Optional<String> state,
    Optional<String> nonce,
    String codeChallenge,
    RequestedClaims claims,
    String scope)
    implements ReturnChannel {
  @Override
  public ClientRegistration requester() {
    return client;
  }
}
