package eu.mostbridge.broker.flow;

import eu.mostbridge.broker.client.ClientRegistration;
import eu.mostbridge.broker.token.RequestedClaims;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.LevelOfAssurance;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * An authorization request every rule accepted: split by {@link #login()} and {@link #channel()}
 * into what the login must achieve and how its answer goes back.
 *
 * @param client the relying party
 * @param redirectUri the redirect URI as sent (registered, or a loopback variant of one)
 * @param state the relying party's state, echoed back
 * @param nonce the relying party's nonce, put in the ID token
 * @param codeChallenge the PKCE S256 challenge
 * @param countries the citizen's possible countries: the requested {@code eidas:country:*} scopes,
 *     or all the client may receive when none was requested
 * @param minimumLevel the effective minimum: the stronger of the client's and the request's
 * @param uiLocale the first supported language of {@code ui_locales}; when empty the pages follow
 *     the browser's Accept-Language
 * @param forceLogin {@code prompt=login} (or {@code max_age=0})
 * @param maxAge {@code max_age}, if sent
 * @param claims what the {@code claims} parameter asked for
 * @param scope the scopes granted, as the token response states them: those requested that Most
 *     knows
 */
public record ValidatedAuthorization(
    ClientRegistration client,
    URI redirectUri,
    Optional<String> state,
    Optional<String> nonce,
    String codeChallenge,
    Set<CountryCode> countries,
    LevelOfAssurance minimumLevel,
    Optional<Locale> uiLocale,
    boolean forceLogin,
    Optional<Duration> maxAge,
    RequestedClaims claims,
    String scope) {
  /** What the login must achieve. */
  public LoginRequest login() {
    return new LoginRequest(countries, minimumLevel, uiLocale, forceLogin, maxAge);
  }

  /** How the login's answer goes back to the client. */
  public OidcReturn channel() {
    return new OidcReturn(client, redirectUri, state, nonce, codeChallenge, claims, scope);
  }
}
