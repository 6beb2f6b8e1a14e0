package eu.mostbridge.broker.token;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Authorization codes: issued once, redeemed at most once.
 *
 * <p>A redemption writes to more than one place (the access token, the record of the redemption,
 * the code's removal), and in a cluster any of those writes can fail while a replica dies. Only one
 * of them decides, {@link #redeem}; what the token endpoint writes before it is not handed out
 * until it succeeds, and what follows it may fail without harm. So a relying party that gets a 503
 * and tries again finds its code still usable, and a code is never both lost and unredeemed.
 */
public interface AuthorizationCodes {
  /** Stores {@code code} (a random value the caller made) for {@code lifetime}. */
  void issue(String code, IssuedCode issued, Duration lifetime);

  /**
   * What {@code code} stands for, left in place; empty when unknown or expired. A code found here
   * may have been redeemed already (a copy a healed split brought back): {@link #redeem} decides.
   */
  Optional<IssuedCode> find(String code);

  /**
   * Redeems {@code code}, recording what the redemption issued (the access token's revocation
   * handle; empty when the attempt was refused, which uses the code up all the same), then removes
   * the code. Of two redemptions, concurrent or not, on any replicas, and also against a stale copy
   * of the code, exactly one is true.
   *
   * @param keepUntil how long the record is kept: as long as what it issued may be revoked
   */
  boolean redeem(String code, Optional<String> accessTokenHandle, Instant keepUntil);

  /** How {@code code} was redeemed; empty when it never was (or the record is forgotten). */
  Optional<Redemption> redemption(String code);

  /** A redemption: the revocation handle of the access token it issued, if it issued one. */
  record Redemption(Optional<String> accessTokenHandle) {}
}
