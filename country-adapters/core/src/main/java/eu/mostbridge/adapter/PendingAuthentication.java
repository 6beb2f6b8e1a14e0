package eu.mostbridge.adapter;

import eu.mostbridge.identity.CountryCode;
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
 * @param destination the relying party's country, for the eIDAS person identifier
 * @param expiresAt when the national leg is abandoned
 * @param protocolState further values the adapter needs (OIDC nonce and PKCE verifier, the eAuth
 *     service OID used); opaque to the broker
 */
public record PendingAuthentication(
    String adapterId,
    String correlationId,
    LevelOfAssurance requestedLevel,
    CountryCode destination,
    Instant expiresAt,
    Map<String, String> protocolState) {
  public PendingAuthentication {
    Objects.requireNonNull(adapterId, "adapterId");
    Objects.requireNonNull(correlationId, "correlationId");
    Objects.requireNonNull(requestedLevel, "requestedLevel");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (correlationId.isEmpty()) {
      throw new IllegalArgumentException("The correlation id must not be empty");
    }
    protocolState = Map.copyOf(protocolState);
  }

  /** The protocol-state key of {@link #reauthenticationRequiredSince()}. */
  public static final String REAUTHENTICATE_SINCE = "reauthenticate_since";

  /**
   * {@code state} plus, when the relying party forced a new authentication ({@code prompt=login},
   * {@code max_age}), the instant the national authentication must not be older than.
   */
  public static Map<String, String> protocolState(
      Map<String, String> state, boolean forceReauthentication, Instant now) {
    if (!forceReauthentication) {
      return state;
    }
    Map<String, String> all = new java.util.HashMap<>(state);
    all.put(REAUTHENTICATE_SINCE, String.valueOf(now.getEpochSecond()));
    return all;
  }

  /** When a new authentication was forced: the instant the answer's authentication must follow. */
  public java.util.Optional<Instant> reauthenticationRequiredSince() {
    String seconds = protocolState.get(REAUTHENTICATE_SINCE);
    try {
      return seconds == null
          ? java.util.Optional.empty()
          : java.util.Optional.of(Instant.ofEpochSecond(Long.parseLong(seconds)));
    } catch (NumberFormatException e) {
      return java.util.Optional.of(Instant.MAX); // damaged state: nothing can satisfy it
    }
  }

  /**
   * Checks that an answer's authentication instant honours a forced re-authentication: not before
   * the login started, less the clock skew.
   */
  public void requireFreshAuthentication(Instant authenticated, java.time.Duration skew)
      throws AuthenticationFailure {
    java.util.Optional<Instant> since = reauthenticationRequiredSince();
    if (since.isPresent()
        && (authenticated == null || authenticated.isBefore(since.get().minus(skew)))) {
      throw new AuthenticationFailure(
          AuthenticationFailure.Reason.EXPIRED,
          "The national eID did not authenticate again, as the relying party required");
    }
  }

  /**
   * The level a national eID asserted in its own spelling ({@code acr}, AuthnContextClassRef),
   * checked against the minimum asked for: a missing or unknown value, or a weaker level, is
   * refused ({@code LEVEL_TOO_LOW}), never silently downgraded.
   *
   * @param spellings the eID's value for each level it offers
   * @param asserted the value it answered with
   * @param what how the value is called, for the message
   */
  public LevelOfAssurance achievedLevel(
      Map<LevelOfAssurance, String> spellings, java.util.Optional<String> asserted, String what)
      throws AuthenticationFailure {
    LevelOfAssurance achieved =
        spellings.entrySet().stream()
            .filter(e -> asserted.isPresent() && e.getValue().equals(asserted.get()))
            .map(Map.Entry::getKey)
            .findFirst()
            .orElseThrow(
                () ->
                    new AuthenticationFailure(
                        AuthenticationFailure.Reason.LEVEL_TOO_LOW,
                        "The "
                            + what
                            + " "
                            + eu.mostbridge.identity.ErrorText.quote(asserted.orElse(null))
                            + " is not a known level"));
    if (!achieved.satisfies(requestedLevel)) {
      throw new AuthenticationFailure(
          AuthenticationFailure.Reason.LEVEL_TOO_LOW,
          "The national eID reached " + achieved + ", below the minimum " + requestedLevel);
    }
    return achieved;
  }

  /** True once {@code now} has reached the expiry. */
  public boolean isExpiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }

  /**
   * Checks, before an answer is looked at, that this pending login was started by {@code adapterId}
   * and has not expired.
   */
  public void requireOpenFor(String adapterId, Instant now) throws AuthenticationFailure {
    if (!adapterId.equals(this.adapterId)) {
      throw new AuthenticationFailure(
          AuthenticationFailure.Reason.WRONG_PARTY, "The pending login belongs to another adapter");
    }
    if (isExpiredAt(now)) {
      throw new AuthenticationFailure(
          AuthenticationFailure.Reason.EXPIRED,
          "The login waited too long for the national answer");
    }
  }
}
