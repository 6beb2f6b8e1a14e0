package eu.mostbridge.broker.health;

import eu.mostbridge.broker.keys.SigningKeys;
import eu.mostbridge.broker.national.NationalEids;
import eu.mostbridge.broker.state.StateCaches;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when every cache accepts operations (in a cluster: this replica is in the majority
 * partition), a signing key is loaded, and at least one national eID is configured: without any of
 * these a login cannot complete, so traffic should go elsewhere.
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
    response.withData("national-eids", eids.all().size());
    up &= !eids.all().isEmpty();
    return response.status(up).build();
  }
}
