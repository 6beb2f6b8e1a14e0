package eu.mostbridge.broker.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.infinispan.Cache;
import org.infinispan.factories.GlobalComponentRegistry;
import org.infinispan.manager.EmbeddedCacheManager;
import org.infinispan.partitionhandling.AvailabilityMode;
import org.infinispan.topology.ClusterTopologyManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two clustered replicas in this JVM (real Infinispan over JGroups TCP on 127.0.0.1). The
 * coordinator leaves while the survivor's stable topology still lists it, which Infinispan takes
 * for the loss of half the cluster: the race ClusterIT met in CI, made certain here by pausing
 * rebalances on the coordinator before it leaves.
 */
class CleanDeparturesTest {
  private final List<ClusteredPair> pairs = new ArrayList<>();

  @AfterEach
  void stopAll() {
    pairs.forEach(ClusteredPair::close);
  }

  @Test
  void aCoordinatorThatLeftCleanlyLeavesTheSurvivorAvailableWithItsEntries() throws Exception {
    EmbeddedCacheManager[] pair = pair("most-departure-clean");
    EmbeddedStateCaches coordinator = new EmbeddedStateCaches(pair[0], 100);
    EmbeddedStateCaches survivor = new EmbeddedStateCaches(pair[1], 100);
    writeOneEntryPerCache(pair[0]);
    pauseRebalances(pair[0]);

    coordinator.close();

    await(() -> pair[1].isCoordinator() && pair[1].getMembers().size() == 1, "B coordinates");
    await(() -> survivor.status().values().stream().allMatch("available"::equals), "available");
    for (Caches which : Caches.ALL) {
      assertThat(pair[1].<String, String>getCache(which.cacheName()).get("entry"))
          .as(which.cacheName())
          .isEqualTo("kept");
    }
    survivor.close();
  }

  @Test
  void aReplicaThatLeftWithoutAnnouncingLeavesTheSurvivorRefusing() throws Exception {
    EmbeddedCacheManager[] pair = pair("most-departure-unannounced");
    EmbeddedStateCaches survivor = new EmbeddedStateCaches(pair[1], 100);
    writeOneEntryPerCache(pair[0]);
    pauseRebalances(pair[0]);

    pair[0].stop(); // leaves, but never says so in the register: as good as a crash

    await(() -> pair[1].isCoordinator() && pair[1].getMembers().size() == 1, "B coordinates");
    await(() -> survivor.status().containsValue("degraded"), "refused");
    // Several rounds of the coordinator's check pass; the refusal stands.
    Thread.sleep(3_000);
    assertThat(survivor.status()).containsValue("degraded");
    Cache<String, String> codes = pair[1].getCache(Caches.CODES.cacheName());
    assertThat(codes.getAdvancedCache().getAvailability())
        .isEqualTo(AvailabilityMode.DEGRADED_MODE);
    survivor.close();
  }

  /** Two replicas, the first one the coordinator, both past their initial state transfer. */
  private EmbeddedCacheManager[] pair(String cluster) throws Exception {
    ClusteredPair pair = new ClusteredPair(cluster);
    pairs.add(pair);
    return new EmbeddedCacheManager[] {pair.first, pair.second};
  }

  private static void writeOneEntryPerCache(EmbeddedCacheManager manager) {
    for (Caches which : Caches.ALL) {
      manager.<String, String>getCache(which.cacheName()).put("entry", "kept");
    }
  }

  /**
   * Keeps the stable topology where it is: after the leave, the survivor's still lists the leaver
   * when the coordinator's channel closes, which otherwise happens only under load.
   */
  private static void pauseRebalances(EmbeddedCacheManager coordinator) {
    GlobalComponentRegistry.componentOf(coordinator, ClusterTopologyManager.class)
        .setRebalancingEnabled(false)
        .toCompletableFuture()
        .join();
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    ClusteredPair.await(condition, what);
  }
}
