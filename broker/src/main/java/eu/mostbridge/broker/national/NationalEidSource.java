package eu.mostbridge.broker.national;

import eu.mostbridge.adapter.CountryAdapter;
import eu.mostbridge.saml.ServiceProviderIdentity;
import java.util.List;
import java.util.Map;

/**
 * Provides configured national eIDs: the demo's simulators, or the real ones from configuration.
 */
public interface NationalEidSource {
  List<CountryAdapter> adapters();

  /** Most's SAML service provider for each SAML national eID, by adapter id (for its metadata). */
  default Map<String, ServiceProviderIdentity> samlServiceProviders() {
    return Map.of();
  }
}
