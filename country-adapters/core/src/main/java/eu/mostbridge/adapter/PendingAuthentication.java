package eu.mostbridge.adapter;

import eu.mostbridge.identity.LevelOfAssurance;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What an adapter needs to recognise its own answer: kept by the broker in the browser's flow state
 * (so it survives a move to another replica) and handed back to {@link CountryAdapter#complete}.
 * Holds no personal data.
 *
 * @param adapterId the adapter that started the login
 * @param correlationId the protocol's correlation value: the SAML request ID expected in {@code
 *     InResponseTo}, or the OIDC {@code state}
 * @param requestedLevel the minimum level of assurance asked for
 * @param expiresAt when the national leg is abandoned
 * @param protocolState further values the adapter needs (OIDC nonce and PKCE verifier, the eAuth
 *     service OID used); opaque to the broker
 */
public record PendingAuthentication(
    String adapterId,
    String correlationId,
    LevelOfAssurance requestedLevel,
    Instant expiresAt,
    Map<String, String> protocolState) {
  public PendingAuthentication {
    Objects.requireNonNull(adapterId, "adapterId");
    Objects.requireNonNull(correlationId, "correlationId");
    Objects.requireNonNull(requestedLevel, "requestedLevel");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (correlationId.isEmpty()) {
      throw new IllegalArgumentException("The correlation id must not be empty");
    }
    protocolState = Map.copyOf(protocolState);
  }

  /** True once {@code now} has reached the expiry. */
  public boolean isExpiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }
}
