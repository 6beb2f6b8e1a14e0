package eu.mostbridge.oidc;

import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.LevelOfAssurance;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * An OIDC-based country adapter's configuration.
 *
 * @param id the adapter id, for example {@code bg-mvr-eid}
 * @param country the country whose citizens the provider identifies
 * @param op the provider
 * @param client Most as its client
 * @param acrValues the provider's {@code acr} value for each level it offers (MVR: {@code
 *     eid_low}...); the levels present are the levels the adapter supports
 * @param pendingLifetime how long a started login waits for the answer
 */
public record OidcAdapterSettings(
    String id,
    CountryCode country,
    OidcProviderPeer op,
    OidcClient client,
    Map<LevelOfAssurance, String> acrValues,
    Duration pendingLifetime) {
  public OidcAdapterSettings {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(country, "country");
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(pendingLifetime, "pendingLifetime");
    if (acrValues.isEmpty()) {
      throw new IllegalArgumentException(id + ": no acr value is configured for any level");
    }
    if (acrValues.values().stream().distinct().count() != acrValues.size()) {
      throw new IllegalArgumentException(id + ": two levels share an acr value");
    }
    acrValues = Collections.unmodifiableMap(new EnumMap<>(acrValues));
  }
}
