package eu.mostbridge.oidc;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The claims of a fully validated national login: the ID token's, completed by userinfo's (whose
 * {@code sub} was checked to be the same).
 *
 * @param issuer the provider
 * @param subject the {@code sub}
 * @param acr the {@code acr} the provider asserted, if any
 * @param authTime {@code auth_time}, or the ID token's {@code iat} when absent
 * @param claims all claims by name
 */
public record ValidatedClaims(
    String issuer,
    String subject,
    Optional<String> acr,
    Instant authTime,
    Map<String, Object> claims) {
  public ValidatedClaims {
    claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
  }

  /** A claim as text; empty when absent, not a string, or blank. */
  public Optional<String> string(String name) {
    Object value = claims.get(name);
    return value instanceof String s && !s.isBlank() ? Optional.of(s.strip()) : Optional.empty();
  }

  /** Redacted: claims are personal data. */
  @Override
  public String toString() {
    return "ValidatedClaims[issuer=" + issuer + ", claims=" + claims.keySet() + "]";
  }
}
