package eu.mostbridge.national;

import eu.mostbridge.adapter.CountryAdapter;
import eu.mostbridge.saml.ServiceProviderIdentity;
import java.util.Objects;
import java.util.Optional;

/**
 * A national eID as its factory built it.
 *
 * @param adapter what the broker logs in through
 * @param protocol how Most talks to it, as configured
 * @param serviceProvider Most's SAML service provider towards it (published as metadata at {@code
 *     /saml/<id>}), for a SAML eID
 */
public record NationalEid(
    CountryAdapter adapter, Protocol protocol, Optional<ServiceProviderIdentity> serviceProvider) {
  /** The protocol between Most and a national eID. */
  public enum Protocol {
    SAML,
    OIDC,
    /** Neither: a protocol of the eID's own (the synthetic country of the tests). */
    OTHER
  }

  public NationalEid {
    Objects.requireNonNull(adapter, "adapter");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(serviceProvider, "serviceProvider");
  }

  public static NationalEid saml(CountryAdapter adapter, ServiceProviderIdentity serviceProvider) {
    return new NationalEid(adapter, Protocol.SAML, Optional.of(serviceProvider));
  }

  public static NationalEid oidc(CountryAdapter adapter) {
    return new NationalEid(adapter, Protocol.OIDC, Optional.empty());
  }
}
