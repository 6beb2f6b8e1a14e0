package eu.mostbridge.broker.national;

import eu.mostbridge.adapter.CountryAdapter;
import eu.mostbridge.broker.country.NationalEidRegistry;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.LevelOfAssurance;
import eu.mostbridge.saml.ServiceProviderIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The national eIDs this deployment offers, by adapter id. Each adapter's relaxations of the strict
 * profile are logged once here, at start-up, and again in the audit event of every login through
 * it.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup
public class NationalEids {
  private static final Logger LOG = Logger.getLogger(NationalEids.class);

  private final Map<String, CountryAdapter> byId = new LinkedHashMap<>();
  private final Map<String, ServiceProviderIdentity> serviceProviders = new LinkedHashMap<>();

  private final NationalEidRegistry registry;

  public NationalEids(Instance<NationalEidSource> sources, NationalEidRegistry registry) {
    this.registry = registry;
    sources.forEach(source -> serviceProviders.putAll(source.samlServiceProviders()));
    sources.forEach(
        source ->
            source
                .adapters()
                .forEach(
                    adapter -> {
                      if (byId.putIfAbsent(adapter.id(), adapter) != null) {
                        throw new IllegalStateException(
                            "The national eID " + adapter.id() + " is configured twice");
                      }
                      if (adapter.relaxations().isEmpty()) {
                        LOG.infof("National eID %s: strict profile", adapter.id());
                      } else {
                        LOG.warnf(
                            "National eID %s: relaxed by %s",
                            adapter.id(), adapter.relaxations().stream().sorted().toList());
                      }
                    }));
  }

  public Optional<CountryAdapter> byId(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /**
   * The eIDs answering at {@code /callback/<callbackId>}: one, or every eIDAS ProxyService at the
   * connector's one consumer service; empty for an unknown address.
   */
  public List<CountryAdapter> byCallback(String callbackId) {
    return byId.values().stream().filter(a -> a.callbackId().equals(callbackId)).toList();
  }

  /** Most's SAML service provider towards the national eID {@code id}, if it is a SAML one. */
  public Optional<ServiceProviderIdentity> serviceProvider(String id) {
    return Optional.ofNullable(serviceProviders.get(id));
  }

  public List<CountryAdapter> all() {
    return List.copyOf(byId.values());
  }

  /**
   * The relying party's country, for the eIDAS person identifier: Most bridges two countries, and a
   * citizen of one reaches the services of the other, the one other country this build knows (or,
   * failing that, offers). With no one other country, the citizen's own is used.
   */
  public CountryCode destinationFor(CountryAdapter eid) {
    // The eIDAS network: identifiers are made for Most's connector country.
    return eid.fixedDestination().orElseGet(() -> destinationFor(eid.country()));
  }

  /** As {@link #destinationFor(CountryAdapter)}, for a national eID of {@code origin}. */
  public CountryCode destinationFor(CountryCode origin) {
    // Among the national eIDs only: a member state reached through the network is never the
    // relying party's country.
    List<CountryCode> known =
        others(
            registry.factories().stream().map(eu.mostbridge.national.NationalEidFactory::country),
            origin);
    if (known.size() == 1) {
      return known.get(0);
    }
    List<CountryCode> offered =
        others(
            byId.values().stream()
                .filter(a -> a.fixedDestination().isEmpty())
                .map(CountryAdapter::country),
            origin);
    return offered.size() == 1 ? offered.get(0) : origin;
  }

  private static List<CountryCode> others(
      java.util.stream.Stream<CountryCode> countries, CountryCode origin) {
    return countries.distinct().filter(c -> !c.equals(origin)).toList();
  }

  /** The eID's name on the choice and consent pages in {@code language}. */
  public String displayName(String id, String language) {
    return registry.displayName(id, language);
  }

  /**
   * The eIDs a citizen of {@code countries} may use to reach at least {@code minimum}: the national
   * eIDs first, then the member states reached through the eIDAS network.
   */
  public List<CountryAdapter> offering(Set<CountryCode> countries, LevelOfAssurance minimum) {
    return byId.values().stream()
        .filter(a -> countries.contains(a.country()) && a.canSatisfy(minimum))
        .sorted(java.util.Comparator.comparing(a -> a.fixedDestination().isPresent()))
        .toList();
  }
}
