package eu.mostbridge.broker.token;

import java.time.Duration;
import java.util.Optional;

/** Authorization codes: issued once, redeemed at most once. */
public interface AuthorizationCodes {
  /** Stores {@code code} (a random value the caller made) for {@code lifetime}. */
  void issue(String code, IssuedCode issued, Duration lifetime);

  /** Removes and returns what {@code code} stands for: of two concurrent redemptions, one wins. */
  Optional<IssuedCode> redeem(String code);

  /**
   * Remembers what the redemption of {@code code} issued (the access token's revocation handle), so
   * that a second use of the code can revoke it (RFC 6749 section 4.1.2).
   */
  void recordRedemption(String code, String accessTokenHandle, Duration lifetime);

  /** The revocation handle a redeemed {@code code} issued, removed; empty if never redeemed. */
  Optional<String> takeRedemption(String code);
}
