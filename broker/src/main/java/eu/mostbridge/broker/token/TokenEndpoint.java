package eu.mostbridge.broker.token;

import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import eu.mostbridge.broker.audit.AuditEvent;
import eu.mostbridge.broker.audit.AuditLog;
import eu.mostbridge.broker.audit.LoginMetrics;
import eu.mostbridge.broker.client.ClientRegistration;
import eu.mostbridge.broker.config.BrokerConfig;
import eu.mostbridge.broker.config.IssuerUrl;
import eu.mostbridge.broker.web.RandomTokens;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The token endpoint, authorization code grant only: parse the form (no parameter twice),
 * authenticate the client ({@link ClientAuthenticator}), find the code and check it (issued to this
 * client, unexpired, same redirect URI, PKCE S256 verifier), redeem it ({@link
 * AuthorizationCodes#redeem}, the one step that decides), then issue an ID token and an access
 * token for userinfo. A second use of a code is refused with {@code invalid_grant} and revokes the
 * access token the first use issued (RFC 6749 section 4.1.2). No refresh tokens: a cross-border
 * login is a one-off identification.
 */
@Path("/token")
public class TokenEndpoint {
  private final Clock clock;

  /** RFC 7636 section 4.1: 43 to 128 unreserved characters. */
  private static final Pattern CODE_VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

  private final ClientAuthenticator authenticator;
  private final AuthorizationCodes codes;
  private final AccessTokens accessTokens;
  private final IdTokenFactory idTokens;
  private final AuditLog audit;
  private final LoginMetrics metrics;
  private final BrokerConfig config;
  private final URI endpoint;

  public TokenEndpoint(
      ClientAuthenticator authenticator,
      AuthorizationCodes codes,
      AccessTokens accessTokens,
      IdTokenFactory idTokens,
      AuditLog audit,
      LoginMetrics metrics,
      BrokerConfig config,
      Clock clock) {
    this.clock = clock;
    this.authenticator = authenticator;
    this.codes = codes;
    this.accessTokens = accessTokens;
    this.idTokens = idTokens;
    this.audit = audit;
    this.metrics = metrics;
    this.config = config;
    this.endpoint = IssuerUrl.of(config).resolve("/token");
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.APPLICATION_JSON)
  public Response token(String body, @HeaderParam("Authorization") String authorization) {
    long started = System.nanoTime();
    Optional<String> clientId = Optional.empty();
    try {
      Map<String, List<String>> form = ClientAuthenticator.form(body);
      ClientRegistration client = authenticator.authenticate(form, body, authorization, endpoint);
      clientId = Optional.of(client.id());
      if (!single(form, "grant_type").equals(Optional.of("authorization_code"))) {
        throw new TokenError(
            OAuth2Error.UNSUPPORTED_GRANT_TYPE.setDescription(
                "Only grant_type=authorization_code is supported"),
            400);
      }
      String code =
          single(form, "code").orElseThrow(() -> TokenError.invalidRequest("No code was sent"));
      IssuedCode issued = codes.find(code).orElseThrow(() -> refusedAsUsed(code, client));
      try {
        requireIssuedTo(issued, client);
        requireSameRequest(issued, form);
      } catch (TokenError refused) {
        // A code is tried once, rightly or not.
        if (!codes.redeem(code, Optional.empty(), issued.expiresAt())) {
          throw refusedAsUsed(code, client);
        }
        throw refused;
      }
      // The access token is stored before the code is redeemed, and handed out only after: a
      // failure in between leaves the code for the relying party's next try.
      String accessToken = RandomTokens.next();
      Duration lifetime = config.lifetimes().accessToken();
      Instant now = clock.instant();
      String handle =
          accessTokens.store(
              accessToken,
              new AccessGrant(
                  client.id(),
                  issued.identity(),
                  issued.method(),
                  issued.claims(),
                  now.plus(lifetime)),
              lifetime);
      Instant keepUntil = later(issued.expiresAt(), now.plus(lifetime));
      if (!codes.redeem(code, Optional.of(handle), keepUntil)) {
        // Another request redeemed it first; nobody is given this token, and its entry expires.
        throw refusedAsUsed(code, client);
      }
      String idToken =
          idTokens.create(
              issued.identity(), client, issued.nonce(), issued.method(), issued.claims(), now);
      audit.record(
          AuditEvent.of("token.issued")
              .with("client", client.id())
              .with("national_eid", issued.method()));
      metrics.leg("token", Duration.ofNanos(System.nanoTime() - started));
      OIDCTokenResponse response =
          new OIDCTokenResponse(
              new OIDCTokens(
                  SignedJWT.parse(idToken),
                  new BearerAccessToken(
                      accessToken, lifetime.toSeconds(), Scope.parse(issued.scope())),
                  null));
      return noStore(Response.ok(response.toJSONObject().toJSONString())).build();
    } catch (TokenError e) {
      audit.record(
          AuditEvent.of("token.refused")
              .with("client", clientId.orElse(null))
              .with("outcome", e.error().getCode())
              .with("description", e.error().getDescription()));
      Response.ResponseBuilder refused =
          noStore(Response.status(e.status()))
              .entity(new TokenErrorResponse(e.error()).toJSONObject().toJSONString());
      if (e.status() == 401) {
        refused.header("WWW-Authenticate", "Basic realm=\"most\"");
      }
      return refused.build();
    } catch (java.text.ParseException e) {
      throw new IllegalStateException("The broker's own ID token does not parse", e);
    }
  }

  /**
   * The refusal of a code that is not (or no longer) there: when it was redeemed before, what that
   * redemption issued is revoked (RFC 6749 section 4.1.2).
   */
  private TokenError refusedAsUsed(String code, ClientRegistration client) {
    Optional<AuthorizationCodes.Redemption> before = codes.redemption(code);
    if (before.isEmpty()) {
      return TokenError.invalidGrant("Unknown or expired code");
    }
    boolean revoked =
        before.get().accessTokenHandle().map(accessTokens::revokeByHandle).orElse(false);
    audit.record(
        AuditEvent.of("token.code_reused")
            .with("client", client.id())
            .with("revoked_access_token", revoked));
    return TokenError.invalidGrant("The code was already used; what it issued is revoked");
  }

  private void requireIssuedTo(IssuedCode issued, ClientRegistration client) throws TokenError {
    if (!issued.clientId().equals(client.id())) {
      throw TokenError.invalidGrant("The code was issued to another client");
    }
    if (!clock.instant().isBefore(issued.expiresAt())) {
      throw TokenError.invalidGrant("The code has expired");
    }
  }

  private static Instant later(Instant one, Instant other) {
    return one.isAfter(other) ? one : other;
  }

  /** Checks what the form says about the code against what the code was issued for. */
  static void requireSameRequest(IssuedCode issued, Map<String, List<String>> form)
      throws TokenError {
    if (!single(form, "redirect_uri").equals(Optional.of(issued.redirectUri().toString()))) {
      throw TokenError.invalidGrant("redirect_uri differs from the authorization request's");
    }
    Optional<String> verifier = single(form, "code_verifier");
    if (verifier.isEmpty()) {
      throw TokenError.invalidGrant("PKCE: no code_verifier was sent");
    }
    if (!CODE_VERIFIER.matcher(verifier.get()).matches()) {
      throw TokenError.invalidGrant("PKCE: the code_verifier is malformed");
    }
    if (!MessageDigest.isEqual(
        CodeChallenge.compute(CodeChallengeMethod.S256, new CodeVerifier(verifier.get()))
            .getValue()
            .getBytes(StandardCharsets.US_ASCII),
        issued.codeChallenge().getBytes(StandardCharsets.US_ASCII))) {
      throw TokenError.invalidGrant("PKCE: the code_verifier does not match the challenge");
    }
  }

  private static Optional<String> single(Map<String, List<String>> form, String name) {
    List<String> values = form.get(name);
    return values == null || values.isEmpty() || values.get(0).isEmpty()
        ? Optional.empty()
        : Optional.of(values.get(0));
  }

  private static Response.ResponseBuilder noStore(Response.ResponseBuilder builder) {
    return builder
        .type(MediaType.APPLICATION_JSON_TYPE)
        .header("Cache-Control", "no-store")
        .header("Pragma", "no-cache");
  }
}
