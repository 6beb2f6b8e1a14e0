package eu.mostbridge.broker.state;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.infinispan.Cache;
import org.infinispan.manager.EmbeddedCacheManager;
import org.infinispan.partitionhandling.AvailabilityMode;

/**
 * Caches embedded in this process, local or members of a JGroups cluster; in a cluster, each has
 * received its initial state before the broker takes traffic.
 */
final class EmbeddedStateCaches implements StateCaches {
  private final EmbeddedCacheManager manager;
  private final Map<Caches, Cache<String, String>> caches = new EnumMap<>(Caches.class);

  EmbeddedStateCaches(EmbeddedCacheManager manager) {
    this.manager = manager;
    for (Caches which : Caches.ALL) {
      caches.put(which, manager.getCache(which.cacheName()));
    }
  }

  @Override
  public StateCache cache(Caches which) {
    return new StateCache(which, caches.get(which));
  }

  @Override
  public Map<String, String> status() {
    return StateCaches.statusOf(caches, EmbeddedStateCaches::status);
  }

  private static String status(Cache<String, String> cache) {
    if (!cache.getStatus().allowInvocations()) {
      return "stopped";
    }
    return cache.getAdvancedCache().getAvailability() == AvailabilityMode.AVAILABLE
        ? "available"
        : "degraded";
  }

  /**
   * Whether the cluster is still moving entries after a replica joined or left. Not a reason to
   * take traffic away (every replica rebalances at once), but the moment to wait before stopping
   * the next replica by hand: one that leaves mid-rebalance may take the last copy of some entries.
   */
  boolean rebalancing() {
    return caches.values().stream()
        .map(cache -> cache.getAdvancedCache().getDistributionManager())
        .anyMatch(distribution -> distribution != null && distribution.isRehashInProgress());
  }

  /** The replicas in this one's cluster view (1 when local). */
  int members() {
    return manager.getMembers() == null ? 1 : manager.getMembers().size();
  }

  @Override
  public Map<String, Object> details() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("cluster-members", members());
    details.put("rebalancing", rebalancing());
    return details;
  }

  @Override
  public void close() {
    manager.stop();
  }
}
