package eu.mostbridge.trust.health;

import eu.mostbridge.trust.lists.ListState;
import eu.mostbridge.trust.lists.Outbound;
import eu.mostbridge.trust.lists.TrustSnapshot;
import eu.mostbridge.trust.lists.TrustedLists;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the trusted lists were read: before, every validation would be refused. Lists that are
 * read but unusable (expired, badly signed) leave the service ready, since it still validates and
 * says so in each report, and are named here for the operator.
 */
@Readiness
@ApplicationScoped
public class TrustedListsReadiness implements HealthCheck {
  private final TrustedLists lists;
  private final Outbound outbound;
  private final Clock clock;

  public TrustedListsReadiness(TrustedLists lists, Outbound outbound, Clock clock) {
    this.lists = lists;
    this.outbound = outbound;
    this.clock = clock;
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named("trusted-lists");
    Optional<TrustSnapshot> snapshot = lists.current();
    if (outbound.fixtures().isPresent()) {
      response.withData("offline-fixtures", outbound.fixtures().get().folder().toString());
    }
    if (snapshot.isEmpty()) {
      return response.down().withData("snapshot", "not read yet").build();
    }
    Instant now = clock.instant();
    response.up().withData("snapshot", snapshot.get().id());
    for (ListState list : snapshot.get().lists()) {
      response.withData(
          list.territory().orElse(list.url()),
          list.usableAt(now)
              ? "sequence " + list.sequenceNumber().orElse(0) + ", in force"
              : "not usable: " + list.problem().orElse("past its next update"));
    }
    return response.build();
  }
}
