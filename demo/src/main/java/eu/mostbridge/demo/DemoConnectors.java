package eu.mostbridge.demo;

import com.sun.net.httpserver.HttpHandler;
import eu.mostbridge.broker.client.IdentifierPolicy;
import eu.mostbridge.broker.config.BrokerConfig;
import eu.mostbridge.broker.config.IssuerUrl;
import eu.mostbridge.broker.connector.ConnectorRegistration;
import eu.mostbridge.broker.connector.ConnectorSource;
import eu.mostbridge.broker.eidas.ProxyServices;
import eu.mostbridge.saml.AlgorithmPolicy;
import eu.mostbridge.saml.eidas.ConnectorMetadataReader;
import eu.mostbridge.saml.eidas.ConnectorPeer;
import eu.mostbridge.saml.eidas.ProxyServiceIdentity;
import eu.mostbridge.simulator.SimulatorKeys;
import eu.mostbridge.simulator.eidas.ConnectorSimulator;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The demo's eIDAS connector: a simulated Bulgarian node with a demo service behind it, mounted at
 * {@code /sim/eidas-connector/}, trusted by Most through its signed metadata (read here from the
 * simulator in-process: at start-up the server that would serve it is not listening yet).
 */
@ApplicationScoped
public class DemoConnectors implements ConnectorSource {
  /** The simulator's mount point under {@code /sim/}. */
  public static final String CONNECTOR = "eidas-connector";

  private static final String ID = "demo-bg-connector";

  private final BrokerConfig config;
  private final DemoConfig demoConfig;
  private final ProxyServices services;
  private final Clock clock;
  private volatile Built built;

  private record Built(ConnectorSimulator simulator, ConnectorRegistration registration) {}

  public DemoConnectors(
      BrokerConfig config, DemoConfig demoConfig, ProxyServices services, Clock clock) {
    this.config = config;
    this.demoConfig = demoConfig;
    this.services = services;
    this.clock = clock;
  }

  @Override
  public List<ConnectorRegistration> connectors() {
    return List.of(built().registration());
  }

  /** The connector simulator itself (its keys are as public as the demo's). */
  public ConnectorSimulator connector() {
    return built().simulator();
  }

  /** The simulator mounted at {@code /sim/<name>/}, if it is this one. */
  public Optional<HttpHandler> simulator(String name) {
    return CONNECTOR.equals(name) ? Optional.of(built().simulator()) : Optional.empty();
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
    String base = IssuerUrl.of(config).base();
    String simulators =
        demoConfig.simulatorsUrl().map(URI::toString).orElse(base).replaceAll("/+$", "");
    Map<String, ConnectorSimulator.ProxyService> trusted = new LinkedHashMap<>();
    for (ProxyServiceIdentity idp : services.all()) {
      List<java.security.cert.X509Certificate> keys = new java.util.ArrayList<>();
      keys.add(idp.signing().getEntityCertificate());
      keys.addAll(idp.nextSigning());
      trusted.put(
          ProxyServices.segment(idp.nodeCountry()),
          new ConnectorSimulator.ProxyService(
              idp.entityId(), idp.singleSignOnService().toString(), keys, idp.notified()));
    }
    ConnectorSimulator simulator =
        new ConnectorSimulator(
            simulators + "/sim/" + CONNECTOR,
            "BG",
            SimulatorKeys.ec("Demo BG eIDAS connector signing"),
            SimulatorKeys.ec("Demo BG eIDAS connector encryption"),
            trusted,
            clock);
    ConnectorPeer peer;
    try {
      peer =
          new ConnectorMetadataReader()
              .read(
                  simulator.metadata().toBytes(),
                  simulator.entityId(),
                  Optional.of(simulator.metadataSigner()),
                  AlgorithmPolicy.eidasStrict(),
                  true,
                  clock.instant());
    } catch (Exception e) {
      throw new IllegalStateException("The demo connector's metadata is refused: " + e, e);
    }
    return new Built(
        simulator,
        new ConnectorRegistration(
            ID,
            simulator.entityId(),
            "Demo Bulgarian eIDAS node",
            () -> Optional.of(peer),
            Optional.empty(),
            Optional.empty(),
            Set.of(),
            IdentifierPolicy.PSEUDONYM));
  }
}
