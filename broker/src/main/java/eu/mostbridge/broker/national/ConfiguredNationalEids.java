package eu.mostbridge.broker.national;

import eu.mostbridge.adapter.CountryAdapter;
import eu.mostbridge.broker.config.BrokerConfig;
import eu.mostbridge.broker.config.IssuerUrl;
import eu.mostbridge.broker.country.NationalEidRegistry;
import eu.mostbridge.config.ConfigSection;
import eu.mostbridge.config.InvalidConfigurationException;
import eu.mostbridge.national.NationalEid;
import eu.mostbridge.national.NationalEidContext;
import eu.mostbridge.national.NationalEidFactory;
import eu.mostbridge.replay.ReplayCache;
import eu.mostbridge.saml.AlgorithmPolicy;
import eu.mostbridge.saml.ServiceProviderIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.Config;

/**
 * The real national eIDs: each registered factory ({@link NationalEidRegistry}) whose section
 * {@code most.national.<id>.*} is configured builds its eID from it. A section no factory knows, or
 * one that cannot be built (unreadable key store, unreachable discovery, unknown level), stops
 * start-up with a message naming the key and the problem.
 */
@ApplicationScoped
public class ConfiguredNationalEids implements NationalEidSource {
  private final Clock clock;
  static final String PREFIX = "most.national";
  private static final org.jboss.logging.Logger LOG =
      org.jboss.logging.Logger.getLogger(ConfiguredNationalEids.class);

  private final NationalEidRegistry registry;
  private final Config config;
  private final BrokerConfig broker;
  private final ReplayCache replayCache;
  private volatile Built built;

  private record Built(List<CountryAdapter> adapters, Map<String, ServiceProviderIdentity> sps) {}

  public ConfiguredNationalEids(
      NationalEidRegistry registry,
      Config config,
      BrokerConfig broker,
      ReplayCache replayCache,
      Clock clock) {
    this.clock = clock;
    this.registry = registry;
    this.config = config;
    this.broker = broker;
    this.replayCache = replayCache;
  }

  @Override
  public List<CountryAdapter> adapters() {
    return built().adapters();
  }

  @Override
  public Map<String, ServiceProviderIdentity> samlServiceProviders() {
    return built().sps();
  }

  private Built built() {
    Built current = built;
    if (current == null) {
      synchronized (this) {
        if (built == null) {
          built = build();
        }
        current = built;
      }
    }
    return current;
  }

  private Built build() {
    refuseUnknownSections();
    List<NationalEid> eids = new ArrayList<>();
    for (NationalEidFactory factory : registry.factories()) {
      ConfigSection section = ConfigSections.of(config, PREFIX + "." + factory.id());
      if (!section.isPresent()) {
        continue;
      }
      NationalEid eid =
          factory.create(
              new NationalEidContext(
                  factory.id(), section, IssuerUrl.of(broker).base(), replayCache, clock));
      if (!eid.adapter().id().equals(factory.id())
          || !eid.adapter().country().equals(factory.country())) {
        throw new IllegalStateException(
            factory.getClass().getName() + " built an eID other than " + factory.id());
      }
      java.util.Set<String> unread = ConfigSections.unread(section);
      if (!unread.isEmpty()) {
        throw new InvalidConfigurationException(
            unread + " are not keys of " + factory.id() + " (docs/BROKER.md lists them)");
      }
      LOG.infof(
          "National eID %s (%s, %s) configured from %s.*",
          factory.id(), factory.country(), eid.protocol(), section.name());
      eids.add(eid);
    }
    Map<String, ServiceProviderIdentity> sps = new LinkedHashMap<>();
    eids.forEach(e -> e.serviceProvider().ifPresent(sp -> sps.put(e.adapter().id(), sp)));
    refuseSharedDecryptionKeys(eids);
    return new Built(eids.stream().map(NationalEid::adapter).toList(), Map.copyOf(sps));
  }

  /** A key under {@code most.national.} that no registered eID reads is a typo or a missing jar. */
  private void refuseUnknownSections() {
    Set<String> unknown = new TreeSet<>();
    for (ConfigSections.Name name : ConfigSections.names(config)) {
      if (registry.factories().stream().noneMatch(f -> name.isUnder(PREFIX + "." + f.id()))) {
        unknown.add(name.name());
      }
    }
    if (!unknown.isEmpty()) {
      throw new InvalidConfigurationException(
          unknown
              + " configure no national eID this build of Most has; it has "
              + registry.factories().stream().map(NationalEidFactory::id).toList()
              + " (docs/BROKER.md)");
    }
  }

  /**
   * Refuses two national eIDs that decrypt with the same key when either accepts AES-CBC: an
   * encrypted key taken from one's answer could be brought to the other's ACS inside a CBC
   * ciphertext, and the bounded padding oracle of the CBC peer would then work against the key of
   * the strict one. Each SAML national eID gets its own encryption key.
   */
  private static void refuseSharedDecryptionKeys(List<NationalEid> eids) {
    List<NationalEid> saml = eids.stream().filter(e -> e.serviceProvider().isPresent()).toList();
    for (int i = 0; i < saml.size(); i++) {
      for (int j = i + 1; j < saml.size(); j++) {
        NationalEid a = saml.get(i);
        NationalEid b = saml.get(j);
        if (!acceptsCbc(a) && !acceptsCbc(b)) {
          continue;
        }
        Set<PublicKey> keys = new HashSet<>();
        a.serviceProvider().get().decryption().forEach(c -> keys.add(c.getPublicKey()));
        if (b.serviceProvider().get().decryption().stream()
            .anyMatch(c -> keys.contains(c.getPublicKey()))) {
          throw new InvalidConfigurationException(
              PREFIX
                  + "."
                  + a.adapter().id()
                  + " and "
                  + PREFIX
                  + "."
                  + b.adapter().id()
                  + " decrypt with the same key while one of them accepts AES-CBC: give each"
                  + " national eID its own encryption key (docs/DEPLOYMENT.md)");
        }
      }
    }
  }

  private static boolean acceptsCbc(NationalEid eid) {
    return eid.adapter()
        .relaxations()
        .contains(AlgorithmPolicy.Relaxation.AES_CBC_ENCRYPTION.name());
  }
}
