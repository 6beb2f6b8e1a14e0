package eu.mostbridge.broker.health;

import eu.mostbridge.broker.keys.SigningKeys;
import eu.mostbridge.broker.national.NationalEids;
import eu.mostbridge.broker.state.StateCaches;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when every cache accepts operations (in a cluster: this replica is in the majority
 * partition), a signing key is loaded, and at least one national eID is configured: without any of
 * these a login cannot complete, so traffic should go elsewhere. It also lists the member states of
 * the eIDAS network and whether each one's ProxyService metadata has been read.
 */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {
  private final StateCaches caches;
  private final SigningKeys keys;
  private final NationalEids eids;

  public BrokerReadiness(StateCaches caches, SigningKeys keys, NationalEids eids) {
    this.caches = caches;
    this.keys = keys;
    this.eids = eids;
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named("most");
    boolean up = true;
    for (Map.Entry<String, String> cache : caches.status().entrySet()) {
      response.withData("cache." + cache.getKey(), cache.getValue());
      up &= "available".equals(cache.getValue());
    }
    caches
        .details()
        .forEach(
            (name, value) -> {
              if (value instanceof Number number) {
                response.withData(name, number.longValue());
              } else if (value instanceof Boolean flag) {
                response.withData(name, flag);
              } else {
                response.withData(name, String.valueOf(value));
              }
            });
    response.withData("signing-algorithms", String.join(" ", keys.algorithms()));
    up &= !keys.algorithms().isEmpty();
    List<eu.mostbridge.adapter.CountryAdapter> national =
        eids.all().stream().filter(e -> e.fixedDestination().isEmpty()).toList();
    response.withData("national-eids", national.size());
    // The member states reached through the eIDAS network: those whose ProxyService's metadata is
    // read (offered) and those still waiting for it. Information only: Most serves the others
    // meanwhile, so a ProxyService that is down never takes a replica out of service.
    List<String> network =
        eids.all().stream()
            .filter(e -> e.fixedDestination().isPresent())
            .map(e -> e.id() + (e.supportedLevels().isEmpty() ? " (metadata not read)" : ""))
            .toList();
    if (!network.isEmpty()) {
      response.withData("eidas-network", String.join(", ", network));
    }
    up &= !eids.all().isEmpty();
    return response.status(up).build();
  }
}
