package eu.mostbridge.broker.national;

import eu.mostbridge.adapter.CountryAdapter;
import eu.mostbridge.broker.config.BrokerConfig;
import eu.mostbridge.broker.config.IssuerUrl;
import eu.mostbridge.broker.connector.EidasConfig;
import eu.mostbridge.broker.connector.MetadataPublisher;
import eu.mostbridge.broker.connector.MetadataRefresher;
import eu.mostbridge.broker.country.NationalEidRegistry;
import eu.mostbridge.config.ConfigSection;
import eu.mostbridge.config.InvalidConfigurationException;
import eu.mostbridge.eidas.network.EidasNetwork;
import eu.mostbridge.replay.ReplayCache;
import eu.mostbridge.saml.eidas.ConnectorIdentity;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * The member states reached through the eIDAS network, with Most as their connector: {@code
 * most.eidas.network.*} (docs/EIDAS.md) built by {@link EidasNetwork}, each ProxyService's metadata
 * kept fresh on a thread of its own. Offers nothing when the section is not set.
 */
@ApplicationScoped
public class EidasNetworkEids implements NationalEidSource {
  private static final Logger LOG = Logger.getLogger(EidasNetworkEids.class);

  private final Config config;
  private final Instance<EidasNetworkSupplier> suppliers;
  private final NationalEidRegistry registry;
  private final BrokerConfig broker;
  private final EidasConfig eidas;
  private final ReplayCache replayCache;
  private final Clock clock;
  private final MetadataRefresher refresher = new MetadataRefresher("most-eidas-network-metadata");
  private volatile Optional<EidasNetwork> network;

  public EidasNetworkEids(
      Config config,
      Instance<EidasNetworkSupplier> suppliers,
      NationalEidRegistry registry,
      BrokerConfig broker,
      EidasConfig eidas,
      ReplayCache replayCache,
      Clock clock) {
    this.config = config;
    this.suppliers = suppliers;
    this.registry = registry;
    this.broker = broker;
    this.eidas = eidas;
    this.replayCache = replayCache;
    this.clock = clock;
  }

  @Override
  public List<CountryAdapter> adapters() {
    return network().map(n -> List.<CountryAdapter>copyOf(n.adapters())).orElse(List.of());
  }

  /** Most's connector, when the network is configured. */
  public Optional<ConnectorIdentity> connector() {
    return network().map(EidasNetwork::connector);
  }

  /** The network as configured: built once, its metadata refreshes scheduled then. */
  public Optional<EidasNetwork> network() {
    Optional<EidasNetwork> current = network;
    if (current == null) {
      synchronized (this) {
        if (network == null) {
          network = build();
        }
        current = network;
      }
    }
    return current;
  }

  private Optional<EidasNetwork> build() {
    ConfigSection section = ConfigSections.of(config, EidasNetwork.SECTION);
    IssuerUrl issuer = IssuerUrl.of(broker);
    Optional<EidasNetwork> built;
    if (suppliers.isResolvable()
        && !registry.networkCountries().isEmpty()
        && section.string("node-country").isEmpty()) {
      // The demo: its own connector keys and simulated ProxyServices; only the countries are
      // configured. A configured connector (node-country set) takes the demo's place.
      section.list("countries");
      built =
          Optional.of(
              suppliers
                  .get()
                  .network(
                      registry.networkCountries(),
                      issuer.base(),
                      MetadataPublisher.of(eidas, issuer),
                      replayCache,
                      clock));
    } else {
      built = configured(section, issuer);
    }
    if (built.isEmpty()) {
      return built;
    }
    Set<eu.mostbridge.identity.CountryCode> national =
        new java.util.TreeSet<>(
            java.util.Comparator.comparing(eu.mostbridge.identity.CountryCode::alpha2));
    registry.factories().forEach(f -> national.add(f.country()));
    List<eu.mostbridge.identity.CountryCode> overlap =
        built.get().adapters().stream()
            .map(CountryAdapter::country)
            .filter(national::contains)
            .toList();
    if (!overlap.isEmpty()) {
      throw new InvalidConfigurationException(
          EidasNetwork.SECTION
              + ".countries holds "
              + overlap
              + ", whose citizens use Most's own national eIDs");
    }
    Set<String> unread = ConfigSections.unread(section);
    if (!unread.isEmpty()) {
      throw new InvalidConfigurationException(
          unread + " are not keys of " + EidasNetwork.SECTION + " (docs/EIDAS.md lists them)");
    }
    ConnectorIdentity connector = built.get().connector();
    LOG.infof(
        "eIDAS connector %s for %s (SPType %s): ProxyServices of %s",
        connector.entityId(),
        connector.nodeCountry(),
        connector.spType().value(),
        built.get().adapters().stream().map(CountryAdapter::country).toList());
    for (EidasNetwork.TrustedProxyService service : built.get().proxyServices()) {
      refresher.keepFresh(
          service.adapter().id() + " (" + service.source() + ")",
          service.metadata(),
          service.refreshEvery(),
          "its citizens can log in");
    }
    return built;
  }

  private Optional<EidasNetwork> configured(ConfigSection section, IssuerUrl issuer) {
    try {
      return EidasNetwork.create(
          section,
          issuer.base(),
          section.isPresent() ? MetadataPublisher.of(eidas, issuer) : null,
          replayCache,
          clock);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationException(EidasNetwork.SECTION + ": " + e.getMessage(), e);
    }
  }

  @PreDestroy
  void stop() {
    refresher.close();
  }
}
