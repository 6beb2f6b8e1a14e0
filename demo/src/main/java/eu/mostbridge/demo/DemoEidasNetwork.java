package eu.mostbridge.demo;

import com.sun.net.httpserver.HttpHandler;
import eu.mostbridge.broker.national.EidasNetworkSupplier;
import eu.mostbridge.eidas.network.EidasCountryAdapter;
import eu.mostbridge.eidas.network.EidasNetwork;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.replay.ReplayCache;
import eu.mostbridge.saml.AlgorithmPolicy;
import eu.mostbridge.saml.eidas.ConnectorIdentity;
import eu.mostbridge.saml.eidas.ConnectorPeer;
import eu.mostbridge.saml.eidas.ProxyServiceIdentity;
import eu.mostbridge.saml.eidas.ProxyServiceMetadataReader;
import eu.mostbridge.saml.eidas.ProxyServicePeer;
import eu.mostbridge.saml.metadata.RefreshingMetadata;
import eu.mostbridge.simulator.Personas;
import eu.mostbridge.simulator.SimulatorKeys;
import eu.mostbridge.simulator.eidas.ProxyServiceSimulator;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opensaml.security.x509.BasicX509Credential;

/**
 * The demo's eIDAS network: Most's connector with keys made at start-up, for North Macedonia's
 * services, and a simulated ProxyService for each country of {@code most.eidas.network.countries},
 * mounted at {@code /sim/eidas-<cc>/}. Greece's publishes the levels substantial and high and asks
 * for the RequesterID; Croatia's signs with RSASSA-PSS, reaches low and substantial and declares
 * version 1.2 only; the others are as Greece's. Only the demo artifact carries this class.
 */
@ApplicationScoped
public class DemoEidasNetwork implements EidasNetworkSupplier {
  private final DemoConfig demoConfig;
  private final Map<String, ProxyServiceSimulator> simulators = new LinkedHashMap<>();

  public DemoEidasNetwork(DemoConfig demoConfig) {
    this.demoConfig = demoConfig;
  }

  /** The simulated ProxyService mounted at {@code /sim/<name>/} ({@code eidas-el}), if any. */
  public synchronized Optional<HttpHandler> simulator(String name) {
    return Optional.ofNullable(simulators.get(name));
  }

  /** The simulated ProxyService of {@code country}, for tests that make it misbehave. */
  public synchronized Optional<ProxyServiceSimulator> proxyService(CountryCode country) {
    return Optional.ofNullable(simulators.get(mount(country)));
  }

  private static String mount(CountryCode country) {
    return "eidas-" + country.alpha2().toLowerCase(Locale.ROOT);
  }

  @Override
  public synchronized EidasNetwork network(
      Set<CountryCode> countries,
      String base,
      ProxyServiceIdentity.Publisher publisher,
      ReplayCache replayCache,
      Clock clock) {
    String simulatorsBase = demoConfig.simulatorsBase(base);
    Personas personas = demoConfig.personas();
    SimulatorKeys signing = SimulatorKeys.ec("Most demo eIDAS connector signing");
    ConnectorIdentity connector =
        new ConnectorIdentity(
            base + "/eidas/connector/metadata",
            CountryCode.MK,
            URI.create(base + "/callback/" + EidasNetwork.CALLBACK_ID),
            ConnectorPeer.SpType.PUBLIC,
            credential(signing),
            List.of(
                credential(SimulatorKeys.ec("Most demo eIDAS connector encryption")),
                credential(SimulatorKeys.rsa("Most demo eIDAS connector RSA encryption", 3072))),
            AlgorithmPolicy.ECDSA_SHA256,
            publisher);
    List<EidasNetwork.TrustedProxyService> trusted = new ArrayList<>();
    for (CountryCode country : countries) {
      URI at = URI.create(simulatorsBase + "/sim/" + mount(country));
      boolean croatia = "HR".equals(country.alpha2());
      ProxyServiceSimulator simulator =
          new ProxyServiceSimulator(
              croatia
                  ? new ProxyServiceSimulator.Settings(
                      country.alpha2(), at, List.of("low", "substantial"), false, List.of("1.2"))
                  : ProxyServiceSimulator.Settings.typical(country.alpha2(), at),
              croatia
                  ? SimulatorKeys.rsa("Demo ProxyService " + country, 3072)
                  : SimulatorKeys.ec("Demo ProxyService " + country),
              personas,
              connector.entityId()::equals,
              Optional.of(signing.certificate()));
      simulators.put(mount(country), simulator);
      String entityId = simulator.settings().entityId();
      ProxyServiceMetadataReader reader = new ProxyServiceMetadataReader();
      RefreshingMetadata<ProxyServicePeer> metadata;
      try {
        metadata =
            new RefreshingMetadata<>(
                EidasCountryAdapter.idFor(country),
                () ->
                    reader.read(
                        simulator.metadata(),
                        entityId,
                        country,
                        simulator.signingCertificate(),
                        AlgorithmPolicy.eidasStrict(),
                        clock.instant()));
      } catch (Exception e) {
        throw new IllegalStateException("The demo ProxyService of " + country + " is unusable", e);
      }
      trusted.add(
          new EidasNetwork.TrustedProxyService(
              new EidasCountryAdapter(
                  country,
                  connector,
                  metadata::current,
                  Set.of(),
                  Duration.ofMinutes(10),
                  replayCache,
                  clock),
              metadata,
              at + " (simulator)",
              false,
              Duration.ofHours(1)));
    }
    return EidasNetwork.of(connector, trusted);
  }

  private static BasicX509Credential credential(SimulatorKeys keys) {
    return new BasicX509Credential(keys.certificate(), keys.privateKey());
  }
}
