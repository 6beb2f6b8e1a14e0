package eu.mostbridge.broker.connector;

import eu.mostbridge.broker.client.IdentifierPolicy;
import eu.mostbridge.broker.client.Requester;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.saml.AlgorithmPolicy;
import eu.mostbridge.saml.eidas.ConnectorPeer;
import eu.mostbridge.saml.eidas.TrustedConnector;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A connector Most trusts: the operator's id and name for it, its current metadata (re-read on a
 * schedule), its country, the relaxations granted to it alone, and what identifier it receives. It
 * is the requester of every login it asks for: the party accountable on consent pages, in audit
 * events and in metrics.
 *
 * @param id the operator's id for it ({@code most.eidas.connectors.<id>})
 * @param entityId its entity ID, the Issuer of its requests (its metadata must say the same)
 * @param displayName its name for people
 * @param peer its metadata as last read successfully; empty until first read
 * @param configuredCountry its country as configured under {@code NO_NODE_COUNTRY}; else its
 *     metadata's
 * @param configuredSpType its sector as configured under {@code PLAIN_SAML_REQUESTS}
 * @param relaxations the departures from the profile granted to it
 * @param identifierPolicy what PersonIdentifier it receives
 */
public record ConnectorRegistration(
    String id,
    String entityId,
    String displayName,
    Supplier<Optional<ConnectorPeer>> peer,
    Optional<CountryCode> configuredCountry,
    Optional<ConnectorPeer.SpType> configuredSpType,
    Set<ConnectorRelaxation> relaxations,
    IdentifierPolicy identifierPolicy)
    implements Requester, TrustedConnector {

  public ConnectorRegistration {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(entityId, "entityId");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(peer, "peer");
    Objects.requireNonNull(configuredCountry, "configuredCountry");
    Objects.requireNonNull(configuredSpType, "configuredSpType");
    relaxations = Set.copyOf(relaxations);
    Objects.requireNonNull(identifierPolicy, "identifierPolicy");
  }

  @Override
  public Optional<ConnectorPeer> metadata() {
    return peer.get();
  }

  /**
   * Its country: configured, or its metadata's {@code eidas:NodeCountry}.
   *
   * @throws IllegalStateException when neither is known yet (its metadata was never read, so no
   *     request of its was taken)
   */
  @Override
  public CountryCode nodeCountry() {
    return knownNodeCountry()
        .orElseThrow(() -> new IllegalStateException(id + ": its metadata has not been read yet"));
  }

  /**
   * Its country if known here: a login it asked for may go on at a replica that has not read its
   * metadata yet (its server down when that replica started).
   */
  public Optional<CountryCode> knownNodeCountry() {
    return configuredCountry.or(() -> metadata().flatMap(ConnectorPeer::nodeCountry));
  }

  @Override
  public Optional<ConnectorPeer.SpType> spTypeWithoutExtensions() {
    return relaxations.contains(ConnectorRelaxation.PLAIN_SAML_REQUESTS)
        ? configuredSpType
        : Optional.empty();
  }

  /** The algorithms accepted from it: the eIDAS profile, relaxed as granted. */
  @Override
  public AlgorithmPolicy algorithms() {
    return ConnectorRelaxation.algorithms(relaxations);
  }

  @Override
  public String name(String language) {
    return displayName;
  }
}
