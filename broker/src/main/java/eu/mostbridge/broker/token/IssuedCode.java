package eu.mostbridge.broker.token;

import eu.mostbridge.identity.CommonIdentity;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * What an authorization code stands for until it is redeemed.
 *
 * @param clientId the client it was issued to; no other may redeem it
 * @param redirectUri the redirect URI of the request; the token request must repeat it
 * @param codeChallenge the PKCE S256 challenge the verifier must match
 * @param nonce the relying party's nonce, for the ID token
 * @param identity the citizen
 * @param method the national eID used, for {@code amr}
 * @param claims what the {@code claims} parameter asked for
 * @param scope the scopes granted
 * @param expiresAt when the code stops being redeemable
 */
public record IssuedCode(
    String clientId,
    URI redirectUri,
    String codeChallenge,
    Optional<String> nonce,
    CommonIdentity identity,
    String method,
    RequestedClaims claims,
    String scope,
    Instant expiresAt) {}
