package eu.mostbridge.saml.eidas;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A connector's AuthnRequest that passed every rule of {@link AuthnRequestIntake}: what the login
 * must achieve and where its answer goes.
 *
 * @param id the request's ID, the answer's InResponseTo
 * @param issuer the connector's entity ID, the answer's Audience
 * @param assertionConsumerService where the answer is posted (from the connector's metadata)
 * @param relayState the relay state to return, if any (at most 80 bytes)
 * @param spType the sector of the service that asks
 * @param attributes the attributes asked for that Most can assert
 * @param required those of them asked for as required: an answer without one is a refusal
 * @param level the levels asked for
 * @param nameIdFormat the NameID format to answer with
 * @param requesterId the service that asks, as the connector names it ({@code RequesterID})
 * @param issueInstant when the connector made it
 */
public record EidasAuthnRequest(
    String id,
    String issuer,
    URI assertionConsumerService,
    Optional<String> relayState,
    ConnectorPeer.SpType spType,
    Set<EidasNames.NaturalPersonAttribute> attributes,
    Set<EidasNames.NaturalPersonAttribute> required,
    LevelRequest level,
    String nameIdFormat,
    Optional<String> requesterId,
    Instant issueInstant) {
  public EidasAuthnRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(assertionConsumerService, "assertionConsumerService");
    Objects.requireNonNull(relayState, "relayState");
    Objects.requireNonNull(spType, "spType");
    attributes = Set.copyOf(attributes);
    required = Set.copyOf(required);
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(nameIdFormat, "nameIdFormat");
    Objects.requireNonNull(requesterId, "requesterId");
    Objects.requireNonNull(issueInstant, "issueInstant");
  }
}
