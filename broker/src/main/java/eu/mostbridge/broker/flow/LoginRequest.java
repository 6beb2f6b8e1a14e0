package eu.mostbridge.broker.flow;

import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.LevelOfAssurance;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a login must achieve, whichever protocol asked for it: the pages, the choice of national eID
 * and the national request work from this alone. How the answer goes back is the login's {@link
 * ReturnChannel}.
 *
 * @param countries the citizen's possible countries
 * @param minimumLevel the effective minimum level of assurance
 * @param uiLocale the language asked for; when empty the pages follow the browser's
 * @param forceLogin a new authentication at the national eID, never a session it already had
 * @param maxAge the oldest national authentication accepted, if limited
 */
public record LoginRequest(
    Set<CountryCode> countries,
    LevelOfAssurance minimumLevel,
    Optional<Locale> uiLocale,
    boolean forceLogin,
    Optional<Duration> maxAge) {
  public LoginRequest {
    countries = Set.copyOf(countries);
  }
}
