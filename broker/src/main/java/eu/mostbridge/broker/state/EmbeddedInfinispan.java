package eu.mostbridge.broker.state;

import eu.mostbridge.broker.config.BrokerConfig.State;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.infinispan.configuration.cache.CacheMode;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.configuration.global.GlobalConfigurationBuilder;
import org.infinispan.configuration.global.ShutdownHookBehavior;
import org.infinispan.configuration.parsing.ConfigurationBuilderHolder;
import org.infinispan.configuration.parsing.ParserRegistry;
import org.infinispan.manager.DefaultCacheManager;
import org.infinispan.manager.EmbeddedCacheManager;
import org.infinispan.partitionhandling.PartitionHandling;
import org.jboss.logging.Logger;

/**
 * The embedded Infinispan cache manager: local caches for {@code most.state.mode=local}, or a
 * member of a JGroups cluster of the broker's replicas for {@code cluster}, with the JGroups stacks
 * of {@code most-jgroups.xml}. Plain infinispan-core rather than the Quarkiverse extension, which
 * does not work with Quarkus 3.33. The caches themselves are defined here, from {@link Caches}, so
 * local and clustered runs differ only in the clustering settings.
 */
final class EmbeddedInfinispan {
  private static final Logger LOG = Logger.getLogger(EmbeddedInfinispan.class);

  /** How often each replica drops expired entries; entries past their lifespan are never read. */
  private static final long REAPER_INTERVAL_SECONDS = 10;

  private EmbeddedInfinispan() {}

  /** Starts the cache manager and every cache (joining the cluster, when clustered). */
  static EmbeddedCacheManager start(State state) {
    boolean clustered = state.mode() == State.Mode.CLUSTER;
    ConfigurationBuilderHolder holder = clustered ? clusterHolder(state.cluster()) : localHolder();
    for (Caches cache : Caches.ALL) {
      ConfigurationBuilder builder = holder.newConfigurationBuilder(cache.cacheName());
      builder.expiration().wakeUpInterval(REAPER_INTERVAL_SECONDS, TimeUnit.SECONDS);
      if (clustered) {
        builder
            .clustering()
            .cacheMode(CacheMode.DIST_SYNC)
            .hash()
            .numOwners(state.cluster().owners())
            .partitionHandling()
            .whenSplit(PartitionHandling.DENY_READ_WRITES)
            .mergePolicy(cache.mergePolicy())
            .stateTransfer()
            .awaitInitialTransfer(true);
      }
    }
    if (clustered) {
      CleanDepartures.define(holder);
    }
    // Infinispan's own JVM shutdown hook would stop the manager at SIGTERM, in parallel with
    // Quarkus' shutdown and without the orderly leave of EmbeddedStateCaches.close(): the leave
    // would then take the only copy of entries not yet moved (seen in ClusterIT's logs: the
    // channel closed by the hook before the replica had announced its departure).
    holder
        .getGlobalConfigurationBuilder()
        .shutdown()
        .hookBehavior(ShutdownHookBehavior.DONT_REGISTER);
    DefaultCacheManager manager = new DefaultCacheManager(holder, true);
    if (clustered) {
      LOG.infof(
          "State: clustered (%s, %s) as %s; members now: %s",
          state.cluster().name(),
          state.cluster().discovery(),
          manager.getAddress(),
          manager.getMembers());
    } else {
      LOG.info("State: local to this process (most.state.mode=local); one replica only");
    }
    return manager;
  }

  private static ConfigurationBuilderHolder localHolder() {
    ConfigurationBuilderHolder holder = new ConfigurationBuilderHolder();
    GlobalConfigurationBuilder global = holder.getGlobalConfigurationBuilder();
    global.nonClusteredDefault().cacheContainer().statistics(false);
    global.cacheManagerName("most");
    return holder;
  }

  private static ConfigurationBuilderHolder clusterHolder(State.Cluster cluster) {
    Properties properties = new Properties();
    properties.setProperty("most.cluster.name", cluster.name());
    properties.setProperty(
        "most.cluster.stack",
        cluster.discovery() == State.Discovery.TCPPING ? "most-tcpping" : "most-dns-ping");
    properties.setProperty("most.cluster.bind-address", cluster.bindAddress());
    properties.setProperty("most.cluster.bind-port", String.valueOf(cluster.bindPort()));
    List<String> hosts = cluster.initialHosts().orElse(List.of());
    if (cluster.discovery() == State.Discovery.TCPPING && hosts.isEmpty()) {
      throw new IllegalStateException(
          "most.state.cluster.initial-hosts is required with discovery=tcpping");
    }
    if (cluster.discovery() == State.Discovery.DNS_PING && cluster.dnsQuery().isEmpty()) {
      throw new IllegalStateException(
          "most.state.cluster.dns-query is required with discovery=dns-ping");
    }
    // The stack not chosen is parsed too, so its placeholders need a harmless value.
    properties.setProperty(
        "most.cluster.initial-hosts",
        hosts.isEmpty() ? "127.0.0.1[" + cluster.bindPort() + "]" : String.join(",", hosts));
    properties.setProperty("most.cluster.dns-query", cluster.dnsQuery().orElse("localhost"));
    tls(cluster, properties);
    URL xml = EmbeddedInfinispan.class.getClassLoader().getResource("most-jgroups.xml");
    if (xml == null) {
      throw new IllegalStateException("most-jgroups.xml is missing from the broker");
    }
    ConfigurationBuilderHolder holder;
    try {
      holder =
          new ParserRegistry(EmbeddedInfinispan.class.getClassLoader(), false, properties)
              .parse(xml);
    } catch (IOException e) {
      throw new UncheckedIOException("most-jgroups.xml cannot be read", e);
    }
    cluster
        .nodeName()
        .ifPresent(name -> holder.getGlobalConfigurationBuilder().transport().nodeName(name));
    return holder;
  }

  /** TLS on the JGroups transport, or the logged relaxation without it. */
  private static void tls(State.Cluster cluster, Properties properties) {
    State.Tls tls = cluster.tls();
    boolean enabled = tls.keystore().isPresent() && tls.truststore().isPresent();
    if (!enabled && !cluster.allowPlaintext()) {
      throw new IllegalStateException(
          "most.state.cluster.tls.keystore and .truststore are required: replicas exchange"
              + " logins in flight and admit only peers with a trusted certificate (or set"
              + " most.state.cluster.allow-plaintext=true where the network is otherwise"
              + " protected)");
    }
    if (!enabled) {
      LOG.warn(
          "RELAXATION most.state.cluster.allow-plaintext: JGroups without TLS; logins in flight"
              + " cross the network between replicas in clear, and any host reaching the JGroups"
              + " port may join");
    }
    properties.setProperty("most.cluster.tls", String.valueOf(enabled));
    properties.setProperty(
        "most.cluster.tls.keystore", tls.keystore().map(Path::toString).orElse(""));
    properties.setProperty("most.cluster.tls.keystore-password", tls.keystorePassword().orElse(""));
    properties.setProperty(
        "most.cluster.tls.truststore", tls.truststore().map(Path::toString).orElse(""));
    properties.setProperty(
        "most.cluster.tls.truststore-password", tls.truststorePassword().orElse(""));
  }
}
