package eu.mostbridge.adapter;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
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

  /** Redacted: claims are personal data. */
  @Override
  public String toString() {
    return "NationalClaims[issuer=" + issuer + ", claims=" + claims.keySet() + "]";
  }
}
