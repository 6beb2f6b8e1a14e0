package eu.mostbridge.broker.health;

import eu.mostbridge.broker.keys.SigningKeys;
import eu.mostbridge.broker.national.NationalEids;
import eu.mostbridge.broker.state.Caches;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.infinispan.manager.EmbeddedCacheManager;

/**
 * Ready when every cache accepts operations, a signing key is loaded, and at least one national eID
 * is configured: without any of these a login cannot complete, so traffic should go elsewhere.
 */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {
  private final EmbeddedCacheManager caches;
  private final SigningKeys keys;
  private final NationalEids eids;

  public BrokerReadiness(EmbeddedCacheManager caches, SigningKeys keys, NationalEids eids) {
    this.caches = caches;
    this.keys = keys;
    this.eids = eids;
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named("most");
    boolean up = true;
    for (String name : Caches.ALL) {
      boolean running = caches.getCache(name).getStatus().allowInvocations();
      response.withData("cache." + name, running ? "running" : "not running");
      up &= running;
    }
    response.withData("signing-algorithms", String.join(" ", keys.algorithms()));
    up &= !keys.algorithms().isEmpty();
    response.withData("national-eids", eids.all().size());
    up &= !eids.all().isEmpty();
    return response.status(up).build();
  }
}
