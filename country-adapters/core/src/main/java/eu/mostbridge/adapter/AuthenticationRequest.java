package eu.mostbridge.adapter;

import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.LevelOfAssurance;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * What the broker asks of a national eID for one login.
 *
 * @param minimumLevel the weakest level of assurance the relying party accepts (eIDAS {@code
 *     minimum})
 * @param destination the relying party's country, for the eIDAS person identifier
 * @param callback the absolute URI the national eID must answer to (ACS or redirect URI)
 * @param uiLocale the language the citizen is using, passed on where the national eID supports it
 * @param forceReauthentication true when the relying party asked for {@code prompt=login} or a
 *     {@code max_age} the session no longer meets
 * @param requesterName the relying party's name, for an eID that passes it on (eIDAS {@code
 *     Scoping/RequesterID}, where the ProxyService asks for it); empty when not told
 */
public record AuthenticationRequest(
    LevelOfAssurance minimumLevel,
    CountryCode destination,
    URI callback,
    Locale uiLocale,
    boolean forceReauthentication,
    java.util.Optional<String> requesterName) {
  /** A request that does not name the relying party. */
  public AuthenticationRequest(
      LevelOfAssurance minimumLevel,
      CountryCode destination,
      URI callback,
      Locale uiLocale,
      boolean forceReauthentication) {
    this(
        minimumLevel,
        destination,
        callback,
        uiLocale,
        forceReauthentication,
        java.util.Optional.empty());
  }

  public AuthenticationRequest {
    Objects.requireNonNull(requesterName, "requesterName");
    Objects.requireNonNull(minimumLevel, "minimumLevel");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(callback, "callback");
    Objects.requireNonNull(uiLocale, "uiLocale");
    if (!callback.isAbsolute() || callback.getFragment() != null) {
      throw new IllegalArgumentException("The callback must be an absolute URI without fragment");
    }
  }
}
