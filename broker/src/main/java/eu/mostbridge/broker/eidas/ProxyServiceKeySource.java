package eu.mostbridge.broker.eidas;

import eu.mostbridge.identity.CountryCode;
import java.util.Map;

/** Provides the eIDAS identity providers' keys, by origin country: configured, or a demo's. */
public interface ProxyServiceKeySource {
  Map<CountryCode, ProxyServiceKeys> keys();
}
