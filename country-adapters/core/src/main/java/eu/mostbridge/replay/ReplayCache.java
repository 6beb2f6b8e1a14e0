package eu.mostbridge.replay;

import java.time.Instant;

/**
 * Remembers identifiers that may be used once. An implementation must make {@link #firstUse} atomic
 * across every process that shares it, and must fail closed: when it cannot record an identifier
 * (full, unreachable, partitioned), it answers {@code false}, so a login is refused rather than a
 * replay admitted.
 */
public interface ReplayCache {
  /**
   * Records {@code id} in {@code scope} until {@code keepUntil}.
   *
   * @param scope what kind of identifier it is, for example {@code saml-assertion}
   * @param id the identifier, unique within its scope and issuer
   * @param keepUntil until when a second use must be refused (the item's own expiry plus skew)
   * @return true if this is the first use; false if it was seen before or cannot be recorded
   */
  boolean firstUse(String scope, String id, Instant keepUntil);
}
