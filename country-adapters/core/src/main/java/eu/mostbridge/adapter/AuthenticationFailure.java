package eu.mostbridge.adapter;

import java.util.Objects;

/**
 * Why a national login did not yield an identity. The reason is for the broker (which error to show
 * the citizen, which to send the relying party, what to audit); the message describes the failure
 * for operators and never holds personal data.
 */
public final class AuthenticationFailure extends Exception {
  private static final long serialVersionUID = 1L;

  /** The kinds of failure, each with its own page text and audit event. */
  public enum Reason {
    /** The citizen cancelled at the national eID. */
    CANCELLED,
    /** The national eID reported an error of its own. */
    NATIONAL_ERROR,
    /** The answer does not parse, lacks parts, or repeats parameters. */
    MALFORMED_ANSWER,
    /**
     * Signature or encryption missing, invalid, by another key, or by a refused algorithm; or an
     * encrypted assertion that cannot be decrypted.
     */
    BAD_SIGNATURE,
    /** Wrong issuer, audience, destination, recipient or correlation with this browser's login. */
    WRONG_PARTY,
    /** Outside its validity window, or the pending login has expired. */
    EXPIRED,
    /** An answer or assertion already used. */
    REPLAYED,
    /** The achieved level of assurance is below the minimum asked for. */
    LEVEL_TOO_LOW,
    /** The requested minimum is beyond what this eID offers. */
    LEVEL_UNAVAILABLE,
    /** An identifier fails its checksum, or contradicts the asserted birth date or gender. */
    INVALID_IDENTITY,
    /**
     * The national eID authenticated the citizen by a method that does not say who they are: a
     * placeholder stands where the name should be (Bulgarian eAuth's login with the revenue
     * agency's PIK). Another method at the same national eID would do.
     */
    PLACEHOLDER_IDENTITY,
    /** The national eID could not be reached or answered out of protocol (OIDC back channel). */
    NATIONAL_UNAVAILABLE,
    /**
     * Most could not record one-time use (its state store is full or unreachable): refused for
     * safety.
     */
    STATE_UNAVAILABLE;

    /**
     * Whether the national eID decided this (the citizen cancelled, a level not reached, its own
     * error, or an identity found wrong in an answer that passed every check of its authenticity):
     * the login ends, as waiting longer will not bring another answer. Any other failure is an
     * answer nobody stands behind, and the login keeps waiting for the genuine one.
     */
    public boolean decidedByNationalEid() {
      return switch (this) {
        case CANCELLED,
            LEVEL_TOO_LOW,
            LEVEL_UNAVAILABLE,
            NATIONAL_ERROR,
            INVALID_IDENTITY,
            PLACEHOLDER_IDENTITY ->
            true;
        default -> false;
      };
    }
  }

  private final Reason reason;

  /**
   * Checks a one-time identifier: {@code REPEATED} is a replay, {@code UNRECORDABLE} a refusal for
   * safety that is not the citizen's doing.
   */
  public static void requireFirstUse(eu.mostbridge.replay.ReplayCache.Use use, String replayMessage)
      throws AuthenticationFailure {
    switch (use) {
      case FIRST -> {}
      case REPEATED -> throw new AuthenticationFailure(Reason.REPLAYED, replayMessage);
      case UNRECORDABLE ->
          throw new AuthenticationFailure(
              Reason.STATE_UNAVAILABLE,
              "One-time use cannot be recorded; the answer is refused for safety");
    }
  }

  public AuthenticationFailure(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public AuthenticationFailure(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }
}
