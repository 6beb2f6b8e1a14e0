package eu.mostbridge.saml;

import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.LevelOfAssurance;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A generic SAML country adapter's configuration (an IdP that states the level reached in its
 * AuthnContextClassRef, as eIDAS does).
 *
 * @param id the adapter id, for example {@code mk-eid-saml}
 * @param country the country whose citizens the IdP identifies
 * @param sp Most as its service provider
 * @param idp the IdP as trusted
 * @param binding how requests travel
 * @param levels the AuthnContextClassRef for each level the IdP offers
 * @param requestSignatureAlgorithm how requests are signed
 * @param pendingLifetime how long a login waits for the answer
 */
public record SamlAdapterSettings(
    String id,
    CountryCode country,
    ServiceProviderIdentity sp,
    IdentityProviderPeer idp,
    SamlBinding binding,
    Map<LevelOfAssurance, String> levels,
    String requestSignatureAlgorithm,
    Duration pendingLifetime) {
  public SamlAdapterSettings {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(country, "country");
    Objects.requireNonNull(sp, "sp");
    Objects.requireNonNull(idp, "idp");
    Objects.requireNonNull(binding, "binding");
    Objects.requireNonNull(requestSignatureAlgorithm, "requestSignatureAlgorithm");
    Objects.requireNonNull(pendingLifetime, "pendingLifetime");
    if (!idp.algorithms().allowsSignature(requestSignatureAlgorithm)) {
      throw new IllegalArgumentException(
          id
              + ": requests cannot be signed with "
              + requestSignatureAlgorithm
              + ", not an algorithm of the peer's policy (a weaker one needs its named"
              + " relaxation)");
    }
    if (levels.isEmpty() || levels.values().stream().distinct().count() != levels.size()) {
      throw new IllegalArgumentException(
          id + ": each offered level needs its own AuthnContextClassRef");
    }
    levels = Collections.unmodifiableMap(new EnumMap<>(levels));
  }
}
