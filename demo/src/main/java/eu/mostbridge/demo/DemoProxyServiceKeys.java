package eu.mostbridge.demo;

import eu.mostbridge.broker.connector.EidasConfig;
import eu.mostbridge.broker.eidas.ProxyServiceKeySource;
import eu.mostbridge.broker.eidas.ProxyServiceKeys;
import eu.mostbridge.broker.eidas.ProxyServices;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.saml.AlgorithmPolicy;
import eu.mostbridge.simulator.SimulatorKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opensaml.security.x509.BasicX509Credential;

/**
 * The demo's eIDAS identity providers, for Macedonian and Bulgarian citizens, with EC P-256 keys
 * made at start-up (a signing and a separate encryption key each), so the demo's connector can ask
 * either. A country whose keys are configured ({@code most.eidas.proxy-services.<country>.*}, as in
 * production) keeps those: that is how a test runs the demo with an RSA-PSS identity provider.
 */
@ApplicationScoped
public class DemoProxyServiceKeys implements ProxyServiceKeySource {
  private final EidasConfig config;
  private volatile Map<CountryCode, ProxyServiceKeys> keys;

  public DemoProxyServiceKeys(EidasConfig config) {
    this.config = config;
  }

  @Override
  public Map<CountryCode, ProxyServiceKeys> keys() {
    Map<CountryCode, ProxyServiceKeys> current = keys;
    if (current == null) {
      synchronized (this) {
        if (keys == null) {
          Map<CountryCode, ProxyServiceKeys> made = new LinkedHashMap<>();
          for (CountryCode country : List.of(CountryCode.MK, CountryCode.BG)) {
            if (config.proxyServices().containsKey(ProxyServices.segment(country))) {
              continue;
            }
            SimulatorKeys signing = SimulatorKeys.ec("Most demo eIDAS " + country + " signing");
            SimulatorKeys encryption =
                SimulatorKeys.ec("Most demo eIDAS " + country + " encryption");
            made.put(
                country,
                new ProxyServiceKeys(
                    new BasicX509Credential(signing.certificate(), signing.privateKey()),
                    List.of(),
                    encryption.certificate(),
                    AlgorithmPolicy.ECDSA_SHA256));
          }
          keys = Map.copyOf(made);
        }
        current = keys;
      }
    }
    return current;
  }
}
