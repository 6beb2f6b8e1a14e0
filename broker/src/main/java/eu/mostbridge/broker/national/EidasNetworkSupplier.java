package eu.mostbridge.broker.national;

import eu.mostbridge.eidas.network.EidasNetwork;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.replay.ReplayCache;
import eu.mostbridge.saml.eidas.ProxyServiceIdentity;
import java.time.Clock;
import java.util.Set;

/**
 * Builds the eIDAS network in place of {@code most.eidas.network.*}: the demo's, whose connector
 * keys are made at start-up and whose ProxyServices are its simulators. Production has none.
 */
public interface EidasNetworkSupplier {
  /**
   * The network reaching {@code countries} ({@code most.eidas.network.countries}).
   *
   * @param base Most's public base URL, without a trailing slash
   */
  EidasNetwork network(
      Set<CountryCode> countries,
      String base,
      ProxyServiceIdentity.Publisher publisher,
      ReplayCache replayCache,
      Clock clock);
}
