package eu.mostbridge.broker.token;

import com.nimbusds.common.contenttype.ContentType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import eu.mostbridge.broker.client.ClientFile;
import eu.mostbridge.broker.client.ClientRegistration;
import eu.mostbridge.broker.client.ClientRegistry;
import eu.mostbridge.broker.config.BrokerConfig;
import eu.mostbridge.broker.config.IssuerUrl;
import eu.mostbridge.replay.ReplayCache;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authenticates the client at the token endpoint by the method its registration implies: a secret
 * (client_secret_basic or client_secret_post, compared by SHA-256 in constant time), a signed JWT
 * (private_key_jwt: ES256, PS256 or RS256 by a key of its JWKS, {@code iss} = {@code sub} = the
 * client, {@code aud} the token endpoint or the issuer, {@code exp} and a {@code jti} never seen
 * before), or none for a public client.
 */
@ApplicationScoped
public class ClientAuthenticator {
  private final Clock clock;
  private static final Set<JWSAlgorithm> ASSERTION_ALGORITHMS =
      Set.of(JWSAlgorithm.ES256, JWSAlgorithm.PS256, JWSAlgorithm.RS256);

  private final ClientRegistry clients;

  /** The longest {@code jti} kept in the replay cache (a UUID has 36 characters). */
  static final int MAX_JTI_LENGTH = 256;

  private final ReplayCache replay;
  private final String issuer;
  private final Map<String, JWKSource<SecurityContext>> keySources = new ConcurrentHashMap<>();

  public ClientAuthenticator(
      ClientRegistry clients, ReplayCache replay, BrokerConfig config, Clock clock) {
    this.clock = clock;
    this.clients = clients;
    this.replay = replay;
    this.issuer = IssuerUrl.of(config).base();
  }

  /**
   * The form of a back-channel request ({@code /token}, {@code /par}), every parameter once.
   *
   * @throws TokenError {@code invalid_request} when a parameter is repeated
   */
  public static Map<String, List<String>> form(String body) throws TokenError {
    Map<String, List<String>> form = URLUtils.parseParameters(body == null ? "" : body);
    for (Map.Entry<String, List<String>> parameter : form.entrySet()) {
      if (parameter.getValue().size() > 1) {
        throw TokenError.invalidRequest("The parameter " + parameter.getKey() + " is repeated");
      }
    }
    return form;
  }

  /**
   * The client that sent a back-channel request to {@code endpoint}: its credentials parsed from
   * the Authorization header or the form, a {@code client_id} parameter agreeing with them.
   *
   * @throws TokenError {@code invalid_client} (401) when authentication fails
   */
  public ClientRegistration authenticate(
      Map<String, List<String>> form, String body, String authorizationHeader, URI endpoint)
      throws TokenError {
    HTTPRequest http = new HTTPRequest(HTTPRequest.Method.POST, endpoint);
    http.setEntityContentType(ContentType.APPLICATION_URLENCODED);
    http.setBody(body == null ? "" : body);
    if (authorizationHeader != null) {
      http.setAuthorization(authorizationHeader);
    }
    ClientAuthentication authentication;
    try {
      authentication = ClientAuthentication.parse(http);
    } catch (ParseException e) {
      throw TokenError.invalidClient("Malformed client authentication: " + e.getMessage());
    }
    List<String> clientIds = form.get("client_id");
    Optional<String> clientIdParameter =
        clientIds == null || clientIds.isEmpty() || clientIds.get(0).isEmpty()
            ? Optional.empty()
            : Optional.of(clientIds.get(0));
    if (authentication != null
        && clientIdParameter.isPresent()
        && !clientIdParameter.get().equals(authentication.getClientID().getValue())) {
      throw TokenError.invalidClient("client_id differs from the authenticated client");
    }
    return authenticate(authentication, clientIdParameter);
  }

  /**
   * The authenticated client.
   *
   * @param authentication what the request carried, or null for none
   * @param clientIdParameter the {@code client_id} form parameter (public clients)
   * @throws TokenError {@code invalid_client} (401) when authentication fails
   */
  ClientRegistration authenticate(
      ClientAuthentication authentication, Optional<String> clientIdParameter) throws TokenError {
    ClientID claimed =
        authentication != null
            ? authentication.getClientID()
            : clientIdParameter.map(ClientID::new).orElse(null);
    if (claimed == null) {
      throw TokenError.invalidClient("No client authentication and no client_id");
    }
    ClientRegistration client =
        clients
            .find(claimed.getValue())
            .orElseThrow(() -> TokenError.invalidClient("Unknown client"));
    if (client.publicClient()) {
      if (authentication != null) {
        throw TokenError.invalidClient("A public client sends no credentials");
      }
      return client;
    }
    if (authentication == null) {
      throw TokenError.invalidClient("Client authentication is required");
    }
    if (client.secretHash().isPresent()) {
      String secret;
      if (authentication instanceof ClientSecretBasic basic) {
        secret = basic.getClientSecret().getValue();
      } else if (authentication instanceof ClientSecretPost post) {
        secret = post.getClientSecret().getValue();
      } else {
        throw TokenError.invalidClient(
            "This client authenticates with client_secret_basic or client_secret_post");
      }
      if (!MessageDigest.isEqual(
          ClientFile.secretHash(secret).getBytes(StandardCharsets.US_ASCII),
          client.secretHash().get().getBytes(StandardCharsets.US_ASCII))) {
        throw TokenError.invalidClient("Wrong client secret");
      }
      return client;
    }
    if (!(authentication instanceof PrivateKeyJWT jwt)) {
      throw TokenError.invalidClient("This client authenticates with private_key_jwt");
    }
    verifyAssertion(client, jwt);
    return client;
  }

  private void verifyAssertion(ClientRegistration client, PrivateKeyJWT assertion)
      throws TokenError {
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(
        new JWSVerificationKeySelector<>(ASSERTION_ALGORITHMS, keySource(client)));
    processor.setJWTClaimsSetVerifier(
        new DefaultJWTClaimsVerifier<>(
            Set.of(issuer + "/token", issuer + "/par", issuer),
            new JWTClaimsSet.Builder().issuer(client.id()).subject(client.id()).build(),
            Set.of("exp", "jti"),
            null));
    JWTClaimsSet claims;
    try {
      claims = processor.process(assertion.getClientAssertion(), null);
    } catch (BadJOSEException | com.nimbusds.jose.JOSEException e) {
      throw TokenError.invalidClient("The client assertion is not valid: " + e.getMessage());
    }
    if (claims.getJWTID().length() > MAX_JTI_LENGTH) {
      throw TokenError.invalidClient("The client assertion's jti is longer than accepted");
    }
    Instant expiry = claims.getExpirationTime().toInstant();
    if (expiry.isAfter(clock.instant().plusSeconds(600))) {
      throw TokenError.invalidClient("The client assertion must expire within 10 minutes");
    }
    switch (replay.record("client-assertion", client.id() + '\u0000' + claims.getJWTID(), expiry)) {
      case FIRST -> {}
      case REPEATED -> throw TokenError.invalidClient("The client assertion was already used");
      case UNRECORDABLE ->
          throw new TokenError(
              OAuth2Error.SERVER_ERROR.setDescription("One-time use cannot be recorded"), 503);
    }
  }

  private JWKSource<SecurityContext> keySource(ClientRegistration client) throws TokenError {
    try {
      java.net.URL url = client.jwksUri().orElseThrow().toURL();
      return keySources.computeIfAbsent(
          client.id(), id -> JWKSourceBuilder.<SecurityContext>create(url).build());
    } catch (MalformedURLException e) {
      throw TokenError.invalidClient("The client's jwksUri is not a URL");
    }
  }
}
