package eu.mostbridge.broker.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.infinispan.Cache;
import org.infinispan.configuration.cache.CacheMode;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.configuration.parsing.ConfigurationBuilderHolder;
import org.infinispan.conflict.MergePolicy;
import org.infinispan.factories.GlobalComponentRegistry;
import org.infinispan.manager.EmbeddedCacheManager;
import org.infinispan.partitionhandling.AvailabilityMode;
import org.infinispan.partitionhandling.PartitionHandling;
import org.infinispan.remoting.transport.Address;
import org.infinispan.topology.CacheTopology;
import org.infinispan.topology.LocalTopologyManager;
import org.jboss.logging.Logger;

/**
 * The replicas that left the cluster cleanly, so that the ones left behind can tell a clean leave
 * from a crash.
 *
 * <p>Infinispan's {@code DENY_READ_WRITES} compares the replicas still in view with the last
 * <em>stable</em> topology of each cache, and refuses the cache when half or more of those are
 * gone. A clean leave removes the leaver from the current topology at once, but the stable one is
 * updated later and asynchronously; when the leaver is the coordinator, the new coordinator
 * rebuilds the state from the survivors, whose stable topology may still list the leaver. Two
 * replicas becoming one then looks like the loss of half the cluster, and the survivor refuses the
 * cache until every replica is restarted (twice in CI's ClusterIT: 1 and 3 of 7 caches). Infinispan
 * knows the leave was graceful but forgets it when the coordinator changes; this register keeps it
 * in a replicated cache that stays writable in any partition, since it holds no one-time item.
 *
 * <p>The coordinator makes a refused cache available again only when every replica missing from its
 * stable topology announced its departure here; a replica that crashed or is on the other side of a
 * split announced nothing, so the cache stays refused, as {@code DENY_READ_WRITES} intends. A
 * replica announces only after its caches have finished rebalancing, so whatever it held has copies
 * on the others.
 */
final class CleanDepartures {
  private static final Logger LOG = Logger.getLogger(CleanDepartures.class);

  static final String CACHE_NAME = "cluster-departures";

  /** Long enough for the coordinator to see a departure; the next start has a new node UUID. */
  private static final long LIFESPAN_MINUTES = 10;

  private final EmbeddedCacheManager manager;
  private final Cache<String, String> departed;

  private CleanDepartures(EmbeddedCacheManager manager) {
    this.manager = manager;
    this.departed = manager.getCache(CACHE_NAME);
  }

  /** Declares the register's cache, for a clustered cache manager. */
  static void define(ConfigurationBuilderHolder holder) {
    ConfigurationBuilder builder = holder.newConfigurationBuilder(CACHE_NAME);
    builder
        .clustering()
        .cacheMode(CacheMode.REPL_SYNC)
        .partitionHandling()
        .whenSplit(PartitionHandling.ALLOW_READ_WRITES)
        .mergePolicy(MergePolicy.PREFERRED_NON_NULL)
        .stateTransfer()
        .awaitInitialTransfer(true);
    builder.expiration().lifespan(LIFESPAN_MINUTES, TimeUnit.MINUTES);
  }

  /** The register of a started, clustered cache manager. */
  static CleanDepartures of(EmbeddedCacheManager manager) {
    return new CleanDepartures(manager);
  }

  /**
   * Records, on every replica in view, that this one is leaving cleanly; false when it could not.
   */
  boolean announce() {
    Address self = manager.getAddress();
    try {
      departed.put(key(self), self.toString());
      return true;
    } catch (RuntimeException e) {
      // Without the record the others treat this leave as a crash: safe, only less available.
      LOG.warnf("Could not announce a clean leave of %s: %s", self, e.toString());
      return false;
    }
  }

  /**
   * On the coordinator: makes available again each refused cache whose missing replicas all left
   * cleanly.
   */
  void restoreAfterCleanDepartures(Collection<Cache<String, String>> caches) {
    if (!manager.isCoordinator() || manager.getMembers() == null) {
      return;
    }
    LocalTopologyManager topologies =
        GlobalComponentRegistry.componentOf(manager, LocalTopologyManager.class);
    List<Address> view = manager.getMembers();
    for (Cache<String, String> cache : caches) {
      if (!cache.getStatus().allowInvocations()
          || cache.getAdvancedCache().getAvailability() != AvailabilityMode.DEGRADED_MODE) {
        continue;
      }
      CacheTopology stable = topologies.getStableCacheTopology(cache.getName());
      if (stable == null) {
        continue;
      }
      List<Address> missing = new ArrayList<>(stable.getMembers());
      missing.removeAll(view);
      if (missing.isEmpty() || !missing.stream().allMatch(this::departedCleanly)) {
        continue;
      }
      LOG.warnf(
          "Cache %s was refused after %s left, but each announced a clean leave: available again"
              + " with %s",
          cache.getName(), missing, view);
      cache.getAdvancedCache().setAvailability(AvailabilityMode.AVAILABLE);
    }
  }

  private boolean departedCleanly(Address replica) {
    return departed.containsKey(key(replica));
  }

  /** A replica's node UUID: new at every start, so a restarted replica is not taken as departed. */
  private static String key(Address replica) {
    return replica.getNodeUUID().toString();
  }
}
