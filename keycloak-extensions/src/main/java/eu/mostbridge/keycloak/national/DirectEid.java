package eu.mostbridge.keycloak.national;

import eu.mostbridge.adapter.CountryAdapter;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A national eID as a provider uses it.
 *
 * @param adapter what logs the citizen in
 * @param metadata the signed SAML metadata Keycloak publishes towards it at the provider's entity
 *     ID ({@code .../endpoint/descriptor}), as of an instant; empty for OpenID Connect
 * @param freshen what must run before a login starts or an answer is read (reading a ProxyService's
 *     metadata again when it is due); never throws
 * @param pseudonymKey the key of the citizens' ids at the provider ({@link PseudonymKeys})
 */
record DirectEid(
    CountryAdapter adapter,
    Optional<Function<Instant, String>> metadata,
    Runnable freshen,
    String pseudonymKey) {
  DirectEid {
    Objects.requireNonNull(adapter, "adapter");
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(freshen, "freshen");
    Objects.requireNonNull(pseudonymKey, "pseudonymKey");
  }
}
