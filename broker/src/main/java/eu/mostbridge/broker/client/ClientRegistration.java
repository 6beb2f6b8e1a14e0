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
 * @param publicClient a client without credentials (a native or browser app): PKCE is its only
 *     protection, as for every client
 * @param postLogoutRedirectUris where RP-initiated logout may return, exactly
 * @param minimalIdToken its ID tokens carry no personal claims (they are read at userinfo), so an
 *     ID token it puts in a logout URL discloses nobody's national number or name
 * @param anyLoopbackRedirect any {@code http://127.0.0.1:<port>/<path>} or {@code
 *     http://[::1]:<port>/<path>} is accepted as redirect URI: only the demo's {@code demo-tester},
 *     never from a clients file
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
    String tokenAlgorithm,
    boolean publicClient,
    List<URI> postLogoutRedirectUris,
    boolean minimalIdToken,
    boolean anyLoopbackRedirect)
    implements Requester {
  public ClientRegistration {
    names = Map.copyOf(names);
    redirectUris = List.copyOf(redirectUris);
    allowedCountries = Set.copyOf(allowedCountries);
    postLogoutRedirectUris = List.copyOf(postLogoutRedirectUris);
  }

  @Override
  public String name(String language) {
    return names.getOrDefault(language, names.getOrDefault("en", id));
  }
}
