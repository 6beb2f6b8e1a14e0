package eu.mostbridge.broker.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.infinispan.AdvancedCache;
import org.infinispan.conflict.ConflictManagerFactory;
import org.infinispan.context.Flag;
import org.infinispan.distribution.DistributionInfo;
import org.infinispan.manager.EmbeddedCacheManager;
import org.infinispan.remoting.transport.Address;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What Infinispan's conflict resolution does with the broker's caches, on two real clustered
 * replicas. It runs after a split heals and also when the coordinator crashes; the two copies of an
 * entry then disagree in two ways, made here by changing one copy only. The primary owner stands in
 * for the preferred partition, the majority that alone could serve during a split.
 *
 * <ul>
 *   <li>A copy is missing on the other owner (a new owner the entry had not reached yet): the entry
 *       must survive, or a crash of the coordinator loses logins in flight.
 *   <li>The entry is gone on the preferred owner (a code redeemed, an answer taken) but a stale
 *       copy remains elsewhere: a one-time item must not be taken again, or it could be used twice;
 *       a record that something was used must come back, or a replay would be admitted.
 * </ul>
 */
class MergePolicyTest {
  /** The caches whose entries record that something was used; every other holds one-time items. */
  private static final Set<Caches> RECORDS_OF_USE = Set.of(Caches.REPLAY, Caches.REDEEMED_CODES);

  private static ClusteredPair pair;

  @BeforeAll
  static void startPair() throws Exception {
    pair = new ClusteredPair("most-merge-policy");
  }

  @AfterAll
  static void stopPair() {
    if (pair != null) {
      pair.close();
    }
  }

  @Test
  void anEntryMissingOnANewOwnerSurvivesInEveryCache() {
    for (Caches which : Caches.ALL) {
      String key = "missing-copy-" + which.cacheName();

      removeOneCopyAndResolve(which, key, "held", false);

      assertThat(copies(which, key)).as(which.cacheName()).containsExactly("held", "held");
    }
  }

  @Test
  void aTakenOneTimeItemCannotBeTakenAgainAndAUsedRecordComesBack() {
    for (Caches which : Caches.ALL) {
      String key = "taken-" + which.cacheName();

      removeOneCopyAndResolve(which, key, "stale", true);

      if (RECORDS_OF_USE.contains(which)) {
        assertThat(copies(which, key)).as(which.cacheName()).containsExactly("stale", "stale");
      } else {
        // Taking is an atomic remove on the primary owner: it must find nothing there.
        assertThat(copies(which, key)[0]).as(which.cacheName()).isNull();
        assertThat(cache(pair.second, which).remove(key)).as(which.cacheName()).isNull();
      }
    }
  }

  /**
   * Writes {@code key} to both owners, removes the copy on the primary owner or on the other one
   * only, then runs Infinispan's conflict resolution with the cache's merge policy.
   */
  private static void removeOneCopyAndResolve(
      Caches which, String key, String value, boolean onPrimary) {
    AdvancedCache<String, String> cache = cache(pair.first, which);
    cache.put(key, value);
    local(onPrimary ? primary(which, key) : other(which, key), which).remove(key);
    ConflictManagerFactory.get(cache).resolveConflicts();
  }

  private static AdvancedCache<String, String> cache(EmbeddedCacheManager manager, Caches which) {
    return manager.<String, String>getCache(which.cacheName()).getAdvancedCache();
  }

  /** The cache on one replica, without touching the other: one copy changed, as after a split. */
  private static AdvancedCache<String, String> local(EmbeddedCacheManager manager, Caches which) {
    return cache(manager, which).withFlags(Flag.CACHE_MODE_LOCAL);
  }

  private static EmbeddedCacheManager primary(Caches which, String key) {
    return managerAt(distribution(which, key).primary());
  }

  private static EmbeddedCacheManager other(Caches which, String key) {
    return primary(which, key) == pair.first ? pair.second : pair.first;
  }

  private static DistributionInfo distribution(Caches which, String key) {
    DistributionInfo info =
        cache(pair.first, which).getDistributionManager().getCacheTopology().getDistribution(key);
    assertThat(info.writeOwners()).hasSize(2);
    return info;
  }

  private static EmbeddedCacheManager managerAt(Address address) {
    return pair.first.getAddress().equals(address) ? pair.first : pair.second;
  }

  /** The copy on each replica, the primary's first. */
  private static String[] copies(Caches which, String key) {
    EmbeddedCacheManager primary = primary(which, key);
    return new String[] {local(primary, which).get(key), local(other(which, key), which).get(key)};
  }
}
