package eu.mostbridge.broker.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.infinispan.manager.EmbeddedCacheManager;

/**
 * Two clustered replicas' cache managers in this JVM, started as the broker starts them (real
 * Infinispan over JGroups TCP on 127.0.0.1, plaintext); the first is the coordinator. For tests of
 * what the cluster does, without the broker's HTTP side.
 */
final class ClusteredPair implements AutoCloseable {
  private static final Duration SETTLE = Duration.ofSeconds(20);

  final EmbeddedCacheManager first;
  final EmbeddedCacheManager second;

  ClusteredPair(String cluster) throws Exception {
    int one = freePort();
    int two = freePort();
    while (two == one) { // each socket is closed before the next is asked for
      two = freePort();
    }
    String hosts = "127.0.0.1[" + one + "],127.0.0.1[" + two + "]";
    first = start(cluster, one, hosts, cluster + "-a");
    EmbeddedCacheManager started = null;
    try {
      started = start(cluster, two, hosts, cluster + "-b");
      EmbeddedCacheManager b = started;
      await(() -> first.getMembers().size() == 2 && b.getMembers().size() == 2, "both in view");
      assertThat(first.isCoordinator()).isTrue();
      // Each replica applies the last topology of its join on its own: the first may be a moment
      // behind the second, and Infinispan refuses conflict resolution while it is.
      await(() -> settled(first) && settled(b), "both settled");
    } catch (Exception | AssertionError e) {
      first.stop();
      if (started != null) {
        started.stop();
      }
      throw e;
    }
    second = started;
  }

  private static boolean settled(EmbeddedCacheManager manager) {
    return Caches.ALL.stream()
        .allMatch(which -> EmbeddedStateCaches.settled(manager.getCache(which.cacheName())));
  }

  private static EmbeddedCacheManager start(String cluster, int port, String hosts, String name) {
    return EmbeddedInfinispan.start(
        StateConfigurationTest.state(
            Map.of(
                "most.state.mode",
                "cluster",
                "most.state.cluster.discovery",
                "tcpping",
                "most.state.cluster.bind-address",
                "127.0.0.1",
                "most.state.cluster.bind-port",
                String.valueOf(port),
                "most.state.cluster.initial-hosts",
                hosts,
                "most.state.cluster.allow-plaintext",
                "true",
                "most.state.cluster.node-name",
                name,
                "most.state.cluster.name",
                cluster)));
  }

  /** Waits up to 20 s for {@code condition}. */
  static void await(BooleanSupplier condition, String what) throws InterruptedException {
    Instant deadline = Instant.now().plus(SETTLE);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not " + what + " within " + SETTLE);
      }
      Thread.sleep(100);
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    try {
      first.stop();
    } finally {
      second.stop();
    }
  }
}
