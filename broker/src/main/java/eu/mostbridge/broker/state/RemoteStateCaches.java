package eu.mostbridge.broker.state;

import eu.mostbridge.broker.config.BrokerConfig.State;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.infinispan.client.hotrod.Flag;
import org.infinispan.client.hotrod.RemoteCache;
import org.infinispan.client.hotrod.RemoteCacheManager;
import org.infinispan.client.hotrod.configuration.ConfigurationBuilder;
import org.infinispan.commons.configuration.StringConfiguration;
import org.jboss.logging.Logger;

/**
 * Caches on an Infinispan Server, for operators who already run one: every replica of the broker is
 * then stateless, and the server's cluster decides availability. Most creates its caches on the
 * server when they are missing, with the same lifespans and split rules as its embedded clustered
 * caches ({@link Caches}); caches an operator created beforehand are used as they are.
 *
 * <p>Every operation returns the previous value ({@link Flag#FORCE_RETURN_VALUE}): taking a code or
 * recording a one-time use must know whether this call was first, which the server answers
 * atomically.
 */
final class RemoteStateCaches implements StateCaches {
  private static final Logger LOG = Logger.getLogger(RemoteStateCaches.class);
  private static final String PROBE_KEY = "\u0000most-readiness";

  private final RemoteCacheManager manager;
  private final Map<Caches, RemoteCache<String, String>> caches = new EnumMap<>(Caches.class);

  private RemoteStateCaches(RemoteCacheManager manager, State.Remote config) {
    this.manager = manager;
    for (Caches which : Caches.ALL) {
      String name = config.cachePrefix() + which.cacheName();
      RemoteCache<String, String> cache = manager.getCache(name);
      if (cache == null) {
        cache =
            manager
                .administration()
                .getOrCreateCache(name, new StringConfiguration(definition(name, which, config)));
        LOG.infof("State: created cache %s on the Infinispan Server", name);
      }
      caches.put(which, cache.withFlags(Flag.FORCE_RETURN_VALUE));
    }
  }

  static RemoteStateCaches connect(State.Remote config) {
    String servers =
        config
            .servers()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "most.state.remote.servers is required with most.state.mode=remote"));
    ConfigurationBuilder builder =
        new ConfigurationBuilder()
            .addServers(servers)
            .connectionTimeout(2_000)
            .socketTimeout(5_000)
            .maxRetries(2);
    if (config.username().isPresent()) {
      builder
          .security()
          .authentication()
          .enable()
          .saslMechanism(config.saslMechanism())
          .username(config.username().get())
          .password(config.password().orElse(""));
    }
    if (config.trustStore().isPresent()) {
      var ssl =
          builder
              .security()
              .ssl()
              .enable()
              .trustStoreFileName(config.trustStore().get().toString())
              .trustStoreType("PKCS12")
              .trustStorePassword(config.trustStorePassword().orElse("").toCharArray());
      // The Hot Rod client checks the certificate's host name only against an SNI host name, and
      // refuses to start without one: by default the first server's, as the setting promises.
      ssl.sniHostName(config.sniHostName().orElseGet(() -> firstHost(servers)));
    } else if (config.allowPlaintext()) {
      LOG.warn(
          "RELAXATION most.state.remote.allow-plaintext: Hot Rod without TLS; logins in flight"
              + " cross the network to the Infinispan Server in clear");
    } else {
      throw new IllegalStateException(
          "most.state.remote.trust-store is required: Most's state holds personal data in flight"
              + " and goes to the Infinispan Server only over TLS (or set"
              + " most.state.remote.allow-plaintext=true for a server on this host)");
    }
    RemoteCacheManager manager = new RemoteCacheManager(builder.build());
    try {
      RemoteStateCaches caches = new RemoteStateCaches(manager, config);
      LOG.infof(
          "State: on the Infinispan Server at %s (Hot Rod%s)",
          servers, config.trustStore().isPresent() ? " over TLS" : "");
      return caches;
    } catch (RuntimeException e) {
      manager.stop();
      throw e;
    }
  }

  /** The server-side definition of a cache Most creates, as Infinispan Server's XML. */
  static String definition(String name, Caches which, State.Remote config) {
    String expiration = "<expiration interval=\"10000\"/>";
    String encoding = "<encoding media-type=\"application/x-protostream\"/>";
    if (config.cacheMode() == State.RemoteCacheMode.LOCAL) {
      return "<local-cache name=\"" + name + "\">" + encoding + expiration + "</local-cache>";
    }
    return "<distributed-cache name=\""
        + name
        + "\" mode=\"SYNC\" owners=\"2\">"
        + encoding
        + expiration
        + "<partition-handling when-split=\"DENY_READ_WRITES\" merge-policy=\""
        + which.mergePolicy().name()
        + "\"/></distributed-cache>";
  }

  @Override
  public StateCache cache(Caches which) {
    return new StateCache(which, caches.get(which));
  }

  @Override
  public Map<String, String> status() {
    return StateCaches.statusOf(caches, RemoteStateCaches::status);
  }

  private static String status(RemoteCache<String, String> cache) {
    try {
      // A round trip to the key's owner; the answer itself does not matter.
      var unused = cache.containsKey(PROBE_KEY);
      return "available";
    } catch (RuntimeException e) {
      return "unreachable";
    }
  }

  @Override
  public Map<String, Object> details() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("state", "remote");
    details.put("servers", String.join(" ", Arrays.asList(manager.getServers())));
    return details;
  }

  @Override
  public void close() {
    manager.stop();
  }

  /**
   * The first of {@code servers}' host ({@code host:port;host:port}), as the SNI host name TLS
   * sends and the certificate is checked against; an IPv6 address cannot be one (RFC 6066), so
   * there {@code most.state.remote.sni-host-name} is required.
   */
  static String firstHost(String servers) {
    String first = servers.split(";", -1)[0].trim();
    int colon = first.lastIndexOf(':');
    String host = colon < 0 ? first : first.substring(0, colon);
    if (host.isEmpty() || host.contains(":") || host.startsWith("[")) {
      throw new IllegalStateException(
          "most.state.remote.sni-host-name is required: the first of most.state.remote.servers"
              + " names no host TLS can check a certificate against");
    }
    return host;
  }
}
