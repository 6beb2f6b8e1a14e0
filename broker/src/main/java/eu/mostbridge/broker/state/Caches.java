package eu.mostbridge.broker.state;

import java.util.List;
import org.infinispan.conflict.MergePolicy;

/**
 * The broker's caches and, for each, what a cluster does with it after a network split heals.
 *
 * <p>All caches are distributed with {@code most.state.cluster.owners} copies and deny reads and
 * writes in any partition that is not a majority ({@code DENY_READ_WRITES}): a code, a pushed
 * request or a national answer can only be taken where the majority is, so it is never taken on
 * both sides of a split. When the partitions merge, and when the coordinator crashes, copies that
 * differ are settled by the cache's merge policy. One-time items take the preferred (majority)
 * partition's value, present or absent: a taken item stays taken, and an item whose new owner had
 * not received it yet is kept ({@code REMOVE_ALL} dropped it, losing logins in flight). Records
 * that something was already used are kept wherever a copy survived.
 */
public enum Caches {
  /** IDs already used (assertions, client assertions, ...): forgetting one re-admits a replay. */
  REPLAY("replay", MergePolicy.PREFERRED_NON_NULL),
  /** Logins in progress, one entry per step. */
  LOGIN_FLOWS("login-flows", MergePolicy.PREFERRED_ALWAYS),
  /** Which login awaits a national answer in which browser; taken once. */
  NATIONAL_REQUESTS("national-requests", MergePolicy.PREFERRED_ALWAYS),
  /** Authorization codes; redeemed by an atomic remove. */
  CODES("codes", MergePolicy.PREFERRED_ALWAYS),
  /** What each redemption issued, so a reused code revokes it: kept, like replay records. */
  REDEEMED_CODES("redeemed-codes", MergePolicy.PREFERRED_NON_NULL),
  /** Access tokens; a revoked one must not come back. */
  ACCESS_TOKENS("access-tokens", MergePolicy.PREFERRED_ALWAYS),
  /** Pushed authorization requests; each request URI is used once. */
  PUSHED_REQUESTS("pushed-requests", MergePolicy.PREFERRED_ALWAYS);

  /** Every cache, for start-up and the readiness check. */
  public static final List<Caches> ALL = List.of(values());

  private final String cacheName;
  private final MergePolicy mergePolicy;

  Caches(String cacheName, MergePolicy mergePolicy) {
    this.cacheName = cacheName;
    this.mergePolicy = mergePolicy;
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
