package eu.mostbridge.adapter;

import eu.mostbridge.identity.Gender;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a fully validated national answer says, whatever the protocol: an OIDC ID token's claims
 * completed by userinfo's (whose {@code sub} was checked to be the same), or a SAML assertion's
 * attributes by Name. Country profiles ({@link ClaimsMapper}) read it into the common identity.
 *
 * @param issuer the provider
 * @param subject the {@code sub}
 * @param acr the level the provider asserted ({@code acr}, or SAML AuthnContextClassRef), if any
 * @param authTime when the citizen authenticated
 * @param claims all claims by name
 */
public record NationalClaims(
    String issuer,
    String subject,
    Optional<String> acr,
    Instant authTime,
    Map<String, Object> claims) {
  public NationalClaims {
    claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
  }

  /** A claim as text; empty when absent, not a string, or blank. */
  public Optional<String> string(String name) {
    Object value = claims.get(name);
    return value instanceof String s && !s.isBlank() ? Optional.of(s.strip()) : Optional.empty();
  }

  /**
   * A date claim in the form {@code YYYY-MM-DD}; empty when absent.
   *
   * @throws IllegalArgumentException when present in another form
   */
  public Optional<LocalDate> date(String name) {
    return string(name)
        .map(
            value -> {
              try {
                return LocalDate.parse(value);
              } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(name + " is not a date YYYY-MM-DD");
              }
            });
  }

  /**
   * A gender claim: {@code male} or {@code female} in any case (OIDC, eIDAS); empty when absent or
   * anything else, which contradicts nothing.
   */
  public Optional<Gender> gender(String name) {
    return string(name)
        .flatMap(
            value ->
                switch (value.toLowerCase(Locale.ROOT)) {
                  case "male" -> Optional.of(Gender.MALE);
                  case "female" -> Optional.of(Gender.FEMALE);
                  default -> Optional.empty();
                });
  }

  /** Redacted: claims are personal data. */
  @Override
  public String toString() {
    return "NationalClaims[issuer=" + issuer + ", claims=" + claims.keySet() + "]";
  }
}
