package eu.mostbridge.broker.connector;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The connectors trusted to ask for logins, found by the Issuer of their requests. Each one's
 * relaxations are logged here at start-up, and again in the audit events of its logins.
 */
@ApplicationScoped
@Startup
public class Connectors {
  private static final Logger LOG = Logger.getLogger(Connectors.class);

  private final Map<String, ConnectorRegistration> byId = new LinkedHashMap<>();

  @jakarta.inject.Inject
  public Connectors(Instance<ConnectorSource> sources) {
    this(sources.stream().flatMap(source -> source.connectors().stream()).toList());
  }

  private Connectors(List<ConnectorRegistration> connectors) {
    Map<String, String> entityIds = new LinkedHashMap<>();
    connectors.forEach(
        connector -> {
          if (byId.putIfAbsent(connector.id(), connector) != null) {
            throw new IllegalStateException(
                "The eIDAS connector " + connector.id() + " is configured twice");
          }
          String other = entityIds.putIfAbsent(connector.entityId(), connector.id());
          if (other != null) {
            throw new IllegalStateException(
                "The eIDAS connectors "
                    + other
                    + " and "
                    + connector.id()
                    + " have one entity ID, "
                    + connector.entityId());
          }
          String country =
              connector.metadata().isPresent() || connector.configuredCountry().isPresent()
                  ? connector.nodeCountry().alpha2()
                  : "metadata not read yet";
          if (connector.relaxations().isEmpty()) {
            LOG.infof(
                "eIDAS connector %s (%s, %s): strict profile",
                connector.id(), connector.entityId(), country);
          } else {
            LOG.warnf(
                "eIDAS connector %s (%s, %s): relaxed by %s",
                connector.id(),
                connector.entityId(),
                country,
                connector.relaxations().stream().sorted().toList());
          }
        });
  }

  /** Exactly these connectors (tests, tools). */
  public static Connectors of(List<ConnectorRegistration> connectors) {
    return new Connectors(connectors);
  }

  /**
   * The connector whose entity ID is {@code issuer}. Its metadata may have been replaced since
   * start-up, the entity ID never (the reader refuses another).
   */
  public Optional<ConnectorRegistration> byEntityId(String issuer) {
    return byId.values().stream().filter(c -> c.entityId().equals(issuer)).findFirst();
  }

  public Optional<ConnectorRegistration> byId(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public List<ConnectorRegistration> all() {
    return List.copyOf(byId.values());
  }
}
