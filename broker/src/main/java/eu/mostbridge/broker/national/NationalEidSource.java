package eu.mostbridge.broker.national;

import eu.mostbridge.adapter.CountryAdapter;
import java.util.List;

/**
 * Provides configured national eIDs: the demo's simulators, or the real ones from configuration.
 */
public interface NationalEidSource {
  List<CountryAdapter> adapters();
}
