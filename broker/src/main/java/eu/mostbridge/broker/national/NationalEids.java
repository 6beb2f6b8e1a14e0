package eu.mostbridge.broker.national;

import eu.mostbridge.adapter.CountryAdapter;
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

  public NationalEids(Instance<NationalEidSource> sources) {
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

  /** Most's SAML service provider towards the national eID {@code id}, if it is a SAML one. */
  public Optional<ServiceProviderIdentity> serviceProvider(String id) {
    return Optional.ofNullable(serviceProviders.get(id));
  }

  public List<CountryAdapter> all() {
    return List.copyOf(byId.values());
  }

  /** The eIDs a citizen of {@code countries} may use to reach at least {@code minimum}. */
  public List<CountryAdapter> offering(Set<CountryCode> countries, LevelOfAssurance minimum) {
    return byId.values().stream()
        .filter(a -> countries.contains(a.country()) && a.canSatisfy(minimum))
        .toList();
  }
}
