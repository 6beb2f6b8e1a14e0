package eu.mostbridge.broker.flow;

import eu.mostbridge.broker.client.IdentifierPolicy;
import eu.mostbridge.broker.client.Requester;
import eu.mostbridge.broker.connector.ConnectorRegistration;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.saml.eidas.EidasAuthnRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * An eIDAS login's way back: a signed Response, posted by the browser to the connector's assertion
 * consumer service, from the identity provider of the citizen's country.
 *
 * @param connector the connector that asked
 * @param country the identity provider's country (the citizen's)
 * @param request the AuthnRequest as accepted
 */
public record SamlReturn(
    ConnectorRegistration connector, CountryCode country, EidasAuthnRequest request)
    implements ReturnChannel {
  public SamlReturn {
    Objects.requireNonNull(connector, "connector");
    Objects.requireNonNull(country, "country");
    Objects.requireNonNull(request, "request");
  }

  /**
   * The service that asks, through the connector: named by its RequesterID where the connector sent
   * one, accountable as the connector.
   */
  @Override
  public Requester requester() {
    return new ThroughConnector(connector, request.requesterId());
  }

  /** A service behind a connector, as the pages, audit and metrics name it. */
  record ThroughConnector(ConnectorRegistration connector, Optional<String> requesterId)
      implements Requester {
    @Override
    public String id() {
      return connector.id();
    }

    @Override
    public String name(String language) {
      return requesterId
          .map(id -> id + " (" + connector.name(language) + ")")
          .orElse(connector.name(language));
    }

    @Override
    public IdentifierPolicy identifierPolicy() {
      return connector.identifierPolicy();
    }

    @Override
    public Optional<String> pseudonymAudience() {
      // The operator's id for the connector, not its entity ID: a node that moves its metadata
      // keeps the identifiers it knows (they must stay stable).
      return Optional.of("eidas-connector:" + connector.id());
    }

    @Override
    public Optional<String> pseudonymHolder(String language) {
      return Optional.of(connector.name(language));
    }

    @Override
    public Optional<CountryCode> destination() {
      // Unknown only at a replica that has not read the connector's metadata; nothing is answered
      // there (SamlChannelEnd refuses without its encryption key).
      return connector.knownNodeCountry();
    }
  }
}
