package eu.mostbridge.replay;

import java.time.Instant;

/**
 * Remembers identifiers that may be used once. An implementation must make {@link #record} atomic
 * across every process that shares it, and must fail closed: when it cannot record an identifier
 * (full, unreachable, partitioned), it answers {@code false}, so a login is refused rather than a
 * replay admitted.
 */
public interface ReplayCache {
  /** What recording an identifier found. */
  enum Use {
    /** Not seen before; now recorded. */
    FIRST,
    /** Seen before and still guarded: a replay. */
    REPEATED,
    /** Could not be recorded (full, unreachable, partitioned): refuse, but it is not a replay. */
    UNRECORDABLE
  }

  /**
   * Records {@code id} in {@code scope} until {@code keepUntil}, atomically.
   *
   * @param scope what kind of identifier it is, for example {@code saml-assertion}
   * @param id the identifier, unique within its scope and issuer
   * @param keepUntil until when a second use must be refused (the item's own expiry plus skew)
   * @return whether this is the first use, a repeated one, or could not be recorded
   */
  Use record(String scope, String id, Instant keepUntil);
}
