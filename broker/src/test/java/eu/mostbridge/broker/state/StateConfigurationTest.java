package eu.mostbridge.broker.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.mostbridge.broker.config.BrokerConfig;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import org.infinispan.configuration.cache.CacheMode;
import org.infinispan.configuration.cache.Configuration;
import org.infinispan.configuration.parsing.ConfigurationBuilderHolder;
import org.infinispan.configuration.parsing.ParserRegistry;
import org.infinispan.manager.EmbeddedCacheManager;
import org.infinispan.partitionhandling.PartitionHandling;
import org.junit.jupiter.api.Test;

/** How {@code most.state.*} becomes caches: the split rules per cache, and refused settings. */
class StateConfigurationTest {
  /** The broker's state settings from these values (and a placeholder issuer). */
  static BrokerConfig.State state(Map<String, String> values) {
    return config(values).state();
  }

  /** The broker's settings from these values (and a placeholder issuer). */
  static BrokerConfig config(Map<String, String> values) {
    Map<String, String> all = new HashMap<>(values);
    all.put("most.issuer", "https://most.example");
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withMapping(BrokerConfig.class)
            .withConverter(
                io.quarkus.runtime.configuration.MemorySize.class,
                100,
                new io.quarkus.runtime.configuration.MemorySizeConverter())
            .withSources(new MapBackedConfigSource("test", all) {})
            .build();
    return config.getConfigMapping(BrokerConfig.class);
  }

  @Test
  void aClusterWithoutTlsOrItsRelaxationDoesNotStart() {
    assertThatThrownBy(
            () ->
                EmbeddedInfinispan.start(
                    state(
                        Map.of(
                            "most.state.mode", "cluster",
                            "most.state.cluster.discovery", "tcpping",
                            "most.state.cluster.initial-hosts", "127.0.0.1[7800]"))))
        .hasMessageContaining("most.state.cluster.tls.keystore")
        .hasMessageContaining("allow-plaintext");
  }

  @Test
  void aBoundOfLoginsInFlightBelowOneIsRefused() {
    assertThatThrownBy(
            () -> StateCachesProducer.open(state(Map.of("most.state.max-logins-in-flight", "0"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("most.state.max-logins-in-flight");
  }

  @Test
  void eachDiscoveryNeedsItsPeers() {
    assertThatThrownBy(
            () ->
                EmbeddedInfinispan.start(
                    state(
                        Map.of(
                            "most.state.mode", "cluster",
                            "most.state.cluster.discovery", "tcpping",
                            "most.state.cluster.allow-plaintext", "true"))))
        .hasMessageContaining("most.state.cluster.initial-hosts");
    assertThatThrownBy(
            () ->
                EmbeddedInfinispan.start(
                    state(
                        Map.of(
                            "most.state.mode", "cluster",
                            "most.state.cluster.allow-plaintext", "true"))))
        .hasMessageContaining("most.state.cluster.dns-query");
  }

  @Test
  void aRemoteServerIsReachedOnlyOverTlsUnlessRelaxed() {
    assertThatThrownBy(
            () ->
                RemoteStateCaches.connect(
                    state(
                            Map.of(
                                "most.state.mode", "remote",
                                "most.state.remote.servers", "127.0.0.1:11222"))
                        .remote()))
        .hasMessageContaining("most.state.remote.trust-store");
    assertThatThrownBy(
            () -> RemoteStateCaches.connect(state(Map.of("most.state.mode", "remote")).remote()))
        .hasMessageContaining("most.state.remote.servers");
  }

  @Test
  void everyClusteredCacheIsDistributedAndRefusesAMinorityPartition() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    EmbeddedCacheManager manager =
        EmbeddedInfinispan.start(
            state(
                Map.of(
                    "most.state.mode", "cluster",
                    "most.state.cluster.discovery", "tcpping",
                    "most.state.cluster.bind-address", "127.0.0.1",
                    "most.state.cluster.bind-port", String.valueOf(port),
                    "most.state.cluster.initial-hosts", "127.0.0.1[" + port + "]",
                    "most.state.cluster.allow-plaintext", "true",
                    "most.state.cluster.name", "most-config-test")));
    try {
      assertThat(manager.getMembers()).hasSize(1);
      for (Caches which : Caches.ALL) {
        Configuration cache = manager.getCacheConfiguration(which.cacheName());
        assertThat(cache.clustering().cacheMode()).isEqualTo(CacheMode.DIST_SYNC);
        assertThat(cache.clustering().hash().numOwners()).isEqualTo(2);
        assertThat(cache.clustering().partitionHandling().whenSplit())
            .isEqualTo(PartitionHandling.DENY_READ_WRITES);
        assertThat(cache.clustering().partitionHandling().mergePolicy())
            .isEqualTo(which.mergePolicy());
      }
    } finally {
      manager.stop();
    }
  }

  @Test
  void cachesMostCreatesOnAServerHaveTheSameSplitRules() {
    BrokerConfig.State.Remote remote =
        state(Map.of("most.state.mode", "remote", "most.state.remote.servers", "x:1")).remote();
    for (Caches which : Caches.ALL) {
      String xml = RemoteStateCaches.definition("most-" + which.cacheName(), which, remote);
      ConfigurationBuilderHolder parsed = new ParserRegistry().parse(xml);
      Configuration cache =
          parsed.getNamedConfigurationBuilders().get("most-" + which.cacheName()).build();
      assertThat(cache.clustering().cacheMode()).isEqualTo(CacheMode.DIST_SYNC);
      assertThat(cache.clustering().hash().numOwners()).isEqualTo(2);
      assertThat(cache.clustering().partitionHandling().whenSplit())
          .isEqualTo(PartitionHandling.DENY_READ_WRITES);
      assertThat(cache.clustering().partitionHandling().mergePolicy())
          .isEqualTo(which.mergePolicy());
    }
  }

  @Test
  void withoutASettingTheBoundIsWhatFitsTheHeap() {
    // 512 MiB of heap: 40 % of it in logins of 12 KiB each.
    assertThat(StateCachesProducer.defaultBound(512L * 1024 * 1024)).isEqualTo(17_476);
    assertThat(StateCachesProducer.defaultBound(16L * 1024 * 1024)).isEqualTo(1_000);
  }
}
