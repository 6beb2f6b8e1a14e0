package eu.mostbridge.broker.state;

import java.util.List;
import org.infinispan.conflict.MergePolicy;

/**
 * The broker's caches and, for each, what a cluster does with it after a network split heals.
 *
 * <p>All caches are distributed with {@code most.state.cluster.owners} copies and deny reads and
 * writes in a partition that is not a majority, and for an entry whose copies are not all inside
 * the partition ({@code DENY_READ_WRITES}): an entry is answered for on at most one side of a
 * split, so a code, a pushed request or a national answer is never taken on both.
 *
 * <p>When partitions merge, and (in Infinispan 16.0) whenever the coordinator changes, copies that
 * differ are settled by the merge policy, the same for every cache: a value present on any owner
 * wins over an absent one ({@code PREFERRED_NON_NULL}). Absence is never taken as evidence that
 * something was used: after a coordinator crash the new primary owner of an entry may simply not
 * have received it yet, and a policy that let absence win lost logins in flight. A one-time item a
 * stale copy brings back is refused at its use instead: its first use left a record in the {@code
 * replay} cache (a code redeemed, a pushed request used, a login ended), and a revoked access token
 * is replaced by a revocation marker, not removed. A re-written copy starts a new lifespan, so each
 * item is also checked against its own expiry when used.
 */
public enum Caches {
  /** IDs already used (assertions, client assertions, ...): forgetting one re-admits a replay. */
  REPLAY("replay", MergePolicy.PREFERRED_NON_NULL),
  /** Logins in progress, one entry per step. */
  LOGIN_FLOWS("login-flows", MergePolicy.PREFERRED_NON_NULL, true),
  /** Which login awaits the national answer to which request (InResponseTo, state); taken once. */
  NATIONAL_REQUESTS("national-requests", MergePolicy.PREFERRED_NON_NULL, true),
  /**
   * Authorization codes; redeemed by a record in {@code replay} that keeps what the redemption
   * issued (a reused code revokes it), then removed.
   */
  CODES("codes", MergePolicy.PREFERRED_NON_NULL),
  /** Access tokens; a revoked one must not come back. */
  ACCESS_TOKENS("access-tokens", MergePolicy.PREFERRED_NON_NULL),
  /** Pushed authorization requests; each request URI is used once. */
  PUSHED_REQUESTS("pushed-requests", MergePolicy.PREFERRED_NON_NULL, true);

  /** Every cache, for start-up and the readiness check. */
  public static final List<Caches> ALL = List.of(values());

  private final String cacheName;
  private final MergePolicy mergePolicy;
  private final boolean startedByAnyone;

  Caches(String cacheName, MergePolicy mergePolicy) {
    this(cacheName, mergePolicy, false);
  }

  Caches(String cacheName, MergePolicy mergePolicy, boolean startedByAnyone) {
    this.cacheName = cacheName;
    this.mergePolicy = mergePolicy;
    this.startedByAnyone = startedByAnyone;
  }

  /**
   * Whether anyone on the internet can add entries (a client id and a redirect URI are public):
   * such caches hold at most {@code most.state.max-logins-in-flight} entries on a replica.
   */
  public boolean startedByAnyone() {
    return startedByAnyone;
  }

  /** The Infinispan cache's name. */
  public String cacheName() {
    return cacheName;
  }

  /** How a healed split settles entries the partitions disagree on. */
  public MergePolicy mergePolicy() {
    return mergePolicy;
  }
}
