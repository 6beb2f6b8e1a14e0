package eu.mostbridge.broker.state;

import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.infinispan.Cache;
import org.infinispan.distribution.DistributionManager;
import org.infinispan.distribution.LocalizedCacheTopology;
import org.infinispan.distribution.ch.ConsistentHash;
import org.infinispan.manager.EmbeddedCacheManager;
import org.infinispan.partitionhandling.AvailabilityMode;
import org.infinispan.topology.CacheTopology;
import org.jboss.logging.Logger;

/**
 * Caches embedded in this process, local or members of a JGroups cluster; in a cluster, each has
 * received its initial state before the broker takes traffic.
 */
final class EmbeddedStateCaches implements StateCaches {
  private static final Logger LOG = Logger.getLogger(EmbeddedStateCaches.class);

  /**
   * The longest a stopping replica waits for a rebalance to end: well inside Kubernetes' default 30
   * s grace between SIGTERM and SIGKILL, far above the seconds the rebalances in ClusterIT take.
   */
  private static final Duration DRAIN = Duration.ofSeconds(15);

  /**
   * How long a leaving coordinator keeps coordinating the rebalances its own leave started: in
   * ClusterIT they start within 0.5 s and each ends within 0.1 s; with {@link #DRAIN}, inside the
   * 30 s grace.
   */
  private static final Duration COORDINATOR_LEAVE_PAUSE = Duration.ofSeconds(3);

  /** Long enough for a topology broadcast between replicas of one site; short against a drain. */
  private static final Duration LEAVE_PAUSE = Duration.ofMillis(500);

  /** How often the coordinator looks for caches refused only because of clean leaves. */
  private static final Duration RESTORE_INTERVAL = Duration.ofSeconds(1);

  private final EmbeddedCacheManager manager;
  private final Map<Caches, Cache<String, String>> caches = new EnumMap<>(Caches.class);
  private final long maxLoginsInFlight;
  private final CleanDepartures departures;
  private final ScheduledExecutorService restorer;

  EmbeddedStateCaches(EmbeddedCacheManager manager, long maxLoginsInFlight) {
    this.manager = manager;
    this.maxLoginsInFlight = maxLoginsInFlight;
    for (Caches which : Caches.ALL) {
      caches.put(which, manager.getCache(which.cacheName()));
    }
    if (manager.getCacheManagerConfiguration().isClustered()) {
      departures = CleanDepartures.of(manager);
      restorer =
          Executors.newSingleThreadScheduledExecutor(
              task -> {
                Thread thread = new Thread(task, "most-clean-departures");
                thread.setDaemon(true);
                return thread;
              });
      var unused =
          restorer.scheduleWithFixedDelay(
              this::restoreAfterCleanDepartures,
              RESTORE_INTERVAL.toMillis(),
              RESTORE_INTERVAL.toMillis(),
              TimeUnit.MILLISECONDS);
    } else {
      departures = null;
      restorer = null;
    }
  }

  private void restoreAfterCleanDepartures() {
    try {
      departures.restoreAfterCleanDepartures(caches.values());
    } catch (RuntimeException e) {
      // A view change under way; the next round sees a settled view.
      LOG.debugf("Looking for caches refused after clean leaves: %s", e.toString());
    }
  }

  /** The Infinispan cache itself, for tests in this package that make it fail. */
  Cache<String, String> infinispan(Caches which) {
    return caches.get(which);
  }

  @Override
  public StateCache cache(Caches which) {
    Cache<String, String> cache = caches.get(which);
    if (!which.startedByAnyone()) {
      return new StateCache(which, cache);
    }
    // This replica's share, expired entries included: they hold heap until the reaper runs.
    return new StateCache(
        which,
        cache,
        () -> cache.getAdvancedCache().getDataContainer().sizeIncludingExpired(),
        maxLoginsInFlight);
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
   * the next replica: one that leaves before every entry has its copies again takes the last copy
   * of some with it. Counted as moving also in the instant between a leave and the start of the
   * rebalance that follows it, when some segments have fewer owners than configured and nothing is
   * moving yet.
   */
  boolean rebalancing() {
    return !caches.values().stream().allMatch(EmbeddedStateCaches::settled);
  }

  /** Whether {@code cache} has no rebalance under way and every segment all its copies. */
  static boolean settled(Cache<?, ?> cache) {
    DistributionManager distribution = cache.getAdvancedCache().getDistributionManager();
    if (distribution == null || !cache.getStatus().allowInvocations()) {
      return true;
    }
    LocalizedCacheTopology topology = distribution.getCacheTopology();
    if (topology.getPendingCH() != null
        || topology.getPhase() != CacheTopology.Phase.NO_REBALANCE) {
      return false;
    }
    ConsistentHash current = topology.getCurrentCH();
    int owners =
        Math.min(
            cache.getCacheConfiguration().clustering().hash().numOwners(),
            current.getMembers().size());
    for (int segment = 0; segment < current.getNumSegments(); segment++) {
      if (current.locateOwnersForSegment(segment).size() < owners) {
        return false;
      }
    }
    return true;
  }

  /** The replicas in this one's cluster view (1 when local). */
  int members() {
    return manager.getMembers() == null ? 1 : manager.getMembers().size();
  }

  @Override
  public Map<String, Object> details() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("cluster-members", members());
    details.put("coordinator", manager.isCoordinator());
    details.put("rebalancing", rebalancing());
    return details;
  }

  /**
   * Leaves the cluster without taking entries with it: waits (up to {@link #DRAIN}) until no
   * rebalance is under way, so that every entry this replica holds has a copy elsewhere; announces
   * the clean leave ({@link CleanDepartures}); leaves cache by cache; then pauses before closing
   * the channel, longer when it coordinates the rebalances of its own leave. Stopping the manager
   * at once races the coordinator's last topology broadcast against the view change: when the
   * leaver is the coordinator (the oldest replica), the one left behind may recover a stable
   * topology that still lists the leaver and take the clean leave for a crash of half the cluster.
   * The waits make that rarer; the announcement lets the survivors undo it when it happens anyway.
   */
  @Override
  public void close() {
    if (restorer != null) {
      restorer.shutdownNow();
    }
    try {
      leaveInOrder();
    } finally {
      manager.stop();
    }
  }

  private void leaveInOrder() {
    if (members() <= 1) {
      return;
    }
    long deadline = System.nanoTime() + DRAIN.toNanos();
    try {
      while (rebalancing() && System.nanoTime() - deadline < 0) {
        Thread.sleep(100);
      }
      boolean clean = !rebalancing();
      if (!clean) {
        LOG.warnf(
            "Leaving the cluster after %s with a rebalance under way: entries held only here are"
                + " lost and their logins must start again",
            DRAIN);
      } else {
        clean = departures.announce();
      }
      for (Cache<String, String> cache : caches.values()) {
        cache.stop(); // a synchronous leave, answered by the coordinator
      }
      if (clean) {
        LOG.info("Left the cluster cleanly: drained, announced, left cache by cache");
      }
      // The coordinator's leave starts a rebalance of every cache among the others, which it
      // coordinates: it stays long enough for them to end. A survivor whose state transfer loses
      // its source mid-way can wait for it forever in Infinispan 16.0 (infinispan#17220, fixed in
      // 16.2, whose infinispan-api is not served here), which a leave right after the start of a
      // rebalance provokes.
      Thread.sleep((manager.isCoordinator() ? COORDINATOR_LEAVE_PAUSE : LEAVE_PAUSE).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
