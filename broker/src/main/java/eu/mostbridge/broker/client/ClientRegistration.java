package eu.mostbridge.broker.client;

import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.LevelOfAssurance;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One relying party, as validated from the clients file.
 *
 * @param id the client ID
 * @param names display names by language ({@code bg}, {@code mk}, {@code en})
 * @param redirectUris the exact redirect URIs
 * @param secretHash {@code sha256:<hex>} of the client secret, for client_secret_basic/post
 * @param jwksUri the client's keys, for private_key_jwt
 * @param allowedCountries whose citizens it may receive
 * @param minimumLevel the weakest level of assurance it accepts, whatever it asks
 * @param identifierPolicy national number or pseudonym
 * @param tokenAlgorithm its ID token algorithm
 */
public record ClientRegistration(
    String id,
    Map<String, String> names,
    List<URI> redirectUris,
    Optional<String> secretHash,
    Optional<URI> jwksUri,
    Set<CountryCode> allowedCountries,
    LevelOfAssurance minimumLevel,
    IdentifierPolicy identifierPolicy,
    String tokenAlgorithm) {}
