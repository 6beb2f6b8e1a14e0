package eu.mostbridge.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.langtag.LangTag;
import com.nimbusds.langtag.LangTagException;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.AuthenticationErrorResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.AuthenticationSuccessResponse;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.Prompt;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.UserInfoSuccessResponse;
import com.nimbusds.openid.connect.sdk.claims.ACR;
import com.nimbusds.openid.connect.sdk.validators.BadJWTExceptions;
import com.nimbusds.openid.connect.sdk.validators.IDTokenClaimsVerifier;
import eu.mostbridge.adapter.AuthenticationFailure;
import eu.mostbridge.adapter.AuthenticationFailure.Reason;
import eu.mostbridge.adapter.NationalAnswer;
import eu.mostbridge.adapter.NationalClaims;
import eu.mostbridge.adapter.PendingAuthentication;
import eu.mostbridge.identity.ErrorText;
import eu.mostbridge.replay.ReplayCache;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The relying-party half of an OpenID Connect authorization code flow with one national provider.
 *
 * <p>{@link #start} makes the authorization request (state, nonce, PKCE S256). {@link #complete}
 * validates the answer: state equal to this browser's pending login and used once, {@code iss} (RFC
 * 9207), provider errors mapped to typed failures, the code exchanged with client authentication
 * and the PKCE verifier, the ID token's signature (allowed algorithms, the provider's JWKS only),
 * issuer, audience, expiry and nonce, and userinfo's {@code sub}. For a provider of {@link
 * TokenShape#ACCESS_TOKEN} (the MVR eID), the level goes as a scope and the signed JWT access token
 * stands where the ID token would.
 */
public final class OidcRelyingParty {
  /** Keys of {@link PendingAuthentication#protocolState()} this class writes and reads. */
  public static final String NONCE = "oidc.nonce";

  public static final String CODE_VERIFIER = "oidc.code_verifier";

  private static final int MAX_JWKS_BYTES = 64 * 1024;

  private final OidcProviderPeer op;
  private final OidcClient client;
  private final ReplayCache replayCache;
  private final Clock clock;
  private final JWKSource<SecurityContext> keys;

  public OidcRelyingParty(
      OidcProviderPeer op,
      OidcClient client,
      ReplayCache replayCache,
      Clock clock,
      JWKSource<SecurityContext> keys) {
    this.op = op;
    this.client = client;
    this.replayCache = replayCache;
    this.clock = clock;
    this.keys = keys;
  }

  /** Keys fetched from the provider's {@code jwks_uri}, cached, refreshed on an unknown key ID. */
  public static JWKSource<SecurityContext> remoteKeys(OidcProviderPeer op) {
    int timeout = (int) op.httpTimeout().toMillis();
    try {
      return JWKSourceBuilder.<SecurityContext>create(
              op.jwksUri().toURL(), new DefaultResourceRetriever(timeout, timeout, MAX_JWKS_BYTES))
          .cache(15 * 60_000L, 10_000L)
          .rateLimited(30_000L)
          .build();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(op.issuer() + ": the JWKS URI is not a URL", e);
    }
  }

  /** An authorization request: where to send the browser, and what to keep until its return. */
  public record Start(URI authorizationUri, String state, String nonce, String codeVerifier) {}

  /**
   * A new authorization request.
   *
   * @param acrValues the {@code acr_values} to send, in the provider's own notation (as scopes for
   *     a provider of {@link TokenShape#ACCESS_TOKEN})
   * @param uiLocale the citizen's language
   * @param forceLogin send {@code prompt=login}
   */
  public Start start(List<String> acrValues, Locale uiLocale, boolean forceLogin) {
    State state = new State();
    Nonce nonce = new Nonce();
    CodeVerifier verifier = new CodeVerifier();
    Scope scope = new Scope(client.scopes().toArray(String[]::new));
    boolean levelByScope = op.tokenShape() == TokenShape.ACCESS_TOKEN;
    if (levelByScope) {
      acrValues.forEach(scope::add);
    }
    AuthenticationRequest.Builder request =
        new AuthenticationRequest.Builder(
                ResponseType.CODE, scope, new ClientID(client.clientId()), client.redirectUri())
            .endpointURI(op.authorizationEndpoint())
            .state(state)
            .nonce(nonce)
            .codeChallenge(verifier, CodeChallengeMethod.S256);
    if (!levelByScope && !acrValues.isEmpty()) {
      request.acrValues(acrValues.stream().map(ACR::new).toList());
    }
    try {
      request.uiLocales(List.of(LangTag.parse(uiLocale.toLanguageTag())));
    } catch (LangTagException e) {
      // an unusable locale is simply not passed on
    }
    if (forceLogin) {
      request.prompt(new Prompt(Prompt.Type.LOGIN));
    }
    return new Start(
        request.build().toURI(), state.getValue(), nonce.getValue(), verifier.getValue());
  }

  /** Validates the provider's answer to this browser's pending login and returns its claims. */
  public NationalClaims complete(NationalAnswer answer, PendingAuthentication pending)
      throws AuthenticationFailure {
    try {
      return completeChecked(answer, pending);
    } catch (RuntimeException e) {
      // A library failing on input nobody foresaw: still a refusal with a reason, never a 500.
      throw new AuthenticationFailure(
          Reason.MALFORMED_ANSWER,
          "The OIDC answer could not be processed: " + e.getClass().getSimpleName(),
          e);
    }
  }

  private NationalClaims completeChecked(NationalAnswer answer, PendingAuthentication pending)
      throws AuthenticationFailure {
    AuthenticationSuccessResponse success = authorizationResponse(answer, pending);
    AccessTokenResponse tokens = exchange(success.getAuthorizationCode(), pending);
    boolean accessTokenShape = op.tokenShape() == TokenShape.ACCESS_TOKEN;
    JWTClaimsSet idToken =
        accessTokenShape
            ? validateAccessToken(tokens, pending)
            : validateIdToken(((OIDCTokenResponse) tokens).getOIDCTokens().getIDToken(), pending);
    // Recorded once the answer proved itself: an answer that fails never uses up the login.
    AuthenticationFailure.requireFirstUse(
        replayCache.record(
            "oidc-state:" + op.issuer(), pending.correlationId(), pending.expiresAt()),
        "This login's state was already used");
    Map<String, Object> claims = new LinkedHashMap<>(idToken.getClaims());
    if (op.userInfoEndpoint().isPresent()) {
      Map<String, Object> userInfo = userInfo(tokens.getTokens().getBearerAccessToken());
      if (!Objects.equals(userInfo.get("sub"), idToken.getSubject())) {
        throw new AuthenticationFailure(
            Reason.WRONG_PARTY, "userinfo describes another subject than the signed token");
      }
      // The level only from the signed token.
      userInfo.remove("acr");
      userInfo.remove("scope");
      userInfo.forEach(claims::putIfAbsent);
    }
    Object authTime = idToken.getClaim("auth_time");
    Instant authenticated =
        authTime instanceof java.util.Date date
            ? date.toInstant()
            : authTime instanceof Number seconds
                ? Instant.ofEpochSecond(seconds.longValue())
                : idToken.getIssueTime().toInstant();
    if (pending.reauthenticationRequiredSince().isPresent()) {
      // Only an explicit auth_time proves a new authentication; iat does not.
      pending.requireFreshAuthentication(authTime == null ? null : authenticated, op.clockSkew());
    }
    return new NationalClaims(
        op.issuer(),
        idToken.getSubject(),
        // The level only from the signed token, never from userinfo; for the access-token shape
        // the adapter reads it from the token's scope.
        accessTokenShape
            ? java.util.Optional.empty()
            : java.util.Optional.ofNullable(idToken.getClaim("acr")).map(Object::toString),
        authenticated,
        claims);
  }

  private AuthenticationSuccessResponse authorizationResponse(
      NationalAnswer answer, PendingAuthentication pending) throws AuthenticationFailure {
    for (String name : List.of("state", "code", "iss", "error")) {
      answer.single(name); // a repeated parameter is refused, not resolved by taking the first
    }
    AuthenticationResponse response;
    try {
      response = AuthenticationResponseParser.parse(client.redirectUri(), answer.parameters());
    } catch (ParseException | RuntimeException e) {
      throw new AuthenticationFailure(
          Reason.MALFORMED_ANSWER, "The authorization response is malformed");
    }
    if (response.getState() == null
        || !pending.correlationId().equals(response.getState().getValue())) {
      throw new AuthenticationFailure(
          Reason.WRONG_PARTY, "The authorization response answers another login (state)");
    }
    Issuer iss = response.getIssuer();
    if (iss == null ? op.requireIssuerInResponse() : !op.issuer().equals(iss.getValue())) {
      throw new AuthenticationFailure(
          Reason.WRONG_PARTY,
          "The authorization response's iss "
              + ErrorText.quote(iss == null ? null : iss.getValue())
              + " is not "
              + op.issuer());
    }
    if (!response.indicatesSuccess()) {
      ErrorObject error = ((AuthenticationErrorResponse) response).getErrorObject();
      String text =
          "The provider answered "
              + ErrorText.quote(error.getCode())
              + (error.getDescription() == null
                  ? ""
                  : ": " + ErrorText.quote(error.getDescription()));
      throw new AuthenticationFailure(
          OAuth2Error.ACCESS_DENIED.getCode().equals(error.getCode())
              ? Reason.CANCELLED
              : Reason.NATIONAL_ERROR,
          text);
    }
    AuthenticationSuccessResponse success = response.toSuccessResponse();
    if (success.getAuthorizationCode() == null) {
      throw new AuthenticationFailure(
          Reason.MALFORMED_ANSWER, "The authorization response has no code");
    }
    return success;
  }

  private AccessTokenResponse exchange(AuthorizationCode code, PendingAuthentication pending)
      throws AuthenticationFailure {
    String verifier = pending.protocolState().get(CODE_VERIFIER);
    if (verifier == null) {
      throw new AuthenticationFailure(
          Reason.MALFORMED_ANSWER, "The pending login has no PKCE verifier");
    }
    HTTPRequest request =
        new TokenRequest.Builder(
                op.tokenEndpoint(),
                clientAuthentication(),
                new AuthorizationCodeGrant(code, client.redirectUri(), new CodeVerifier(verifier)))
            .build()
            .toHTTPRequest();
    TokenResponse response;
    try {
      response = OIDCTokenResponseParser.parse(send(request));
    } catch (ParseException | RuntimeException e) {
      // The cause stays: a failure of Most's own code here must not pass for a bad answer.
      throw new AuthenticationFailure(Reason.NATIONAL_ERROR, "The token response is malformed", e);
    }
    if (!response.indicatesSuccess()) {
      ErrorObject error = response.toErrorResponse().getErrorObject();
      // invalid_grant: the provider does not (or no longer) accept this code for us, so the answer
      // was used before or was not its own; the citizen's login may still get the genuine one.
      throw new AuthenticationFailure(
          OAuth2Error.INVALID_GRANT.getCode().equals(error.getCode())
              ? Reason.REPLAYED
              : Reason.NATIONAL_ERROR,
          "The token endpoint answered " + ErrorText.quote(error.getCode()));
    }
    AccessTokenResponse tokens = response.toSuccessResponse();
    if (op.tokenShape() == TokenShape.ACCESS_TOKEN) {
      return tokens;
    }
    if (!(tokens instanceof OIDCTokenResponse oidc) || oidc.getOIDCTokens().getIDToken() == null) {
      throw new AuthenticationFailure(
          Reason.MALFORMED_ANSWER, "The token response has no ID token");
    }
    return tokens;
  }

  private ClientAuthentication clientAuthentication() throws AuthenticationFailure {
    ClientID id = new ClientID(client.clientId());
    if (client.signingKey().isPresent()) {
      JWK key = client.signingKey().get();
      try {
        JWSAlgorithm algorithm =
            "EC".equals(key.getKeyType().getValue()) ? JWSAlgorithm.ES256 : JWSAlgorithm.PS256;
        return new PrivateKeyJWT(
            id,
            op.tokenEndpoint(),
            algorithm,
            "EC".equals(key.getKeyType().getValue())
                ? key.toECKey().toPrivateKey()
                : key.toRSAKey().toPrivateKey(),
            key.getKeyID(),
            null);
      } catch (JOSEException e) {
        throw new AuthenticationFailure(
            Reason.NATIONAL_UNAVAILABLE, "The client assertion cannot be signed", e);
      }
    }
    return new ClientSecretBasic(id, new Secret(client.clientSecret().orElseThrow()));
  }

  private JWTClaimsSet validateIdToken(JWT idToken, PendingAuthentication pending)
      throws AuthenticationFailure {
    if (!(idToken instanceof SignedJWT signed)) {
      throw new AuthenticationFailure(Reason.BAD_SIGNATURE, "The ID token is not signed");
    }
    String nonce = pending.protocolState().get(NONCE);
    if (nonce == null) {
      throw new AuthenticationFailure(Reason.MALFORMED_ANSWER, "The pending login has no nonce");
    }
    IDTokenClaimsVerifier verifier =
        new IDTokenClaimsVerifier(
            new Issuer(op.issuer()),
            new ClientID(client.clientId()),
            new Nonce(nonce),
            (int) op.clockSkew().toSeconds());
    return verified(
        signed,
        "ID token",
        processor ->
            processor.setJWTClaimsSetVerifier(
                (claims, context) -> {
                  verifier.verify(claims, context);
                  // The JOSE library checks expiry against the system clock; check ours too.
                  if (claims.getExpirationTime() != null
                      && !clock
                          .instant()
                          .minus(op.clockSkew())
                          .isBefore(claims.getExpirationTime().toInstant())) {
                    throw BadJWTExceptions.EXPIRED_EXCEPTION;
                  }
                }));
  }

  /**
   * {@code signed} verified with the provider's keys under its allowed algorithms, its claims by
   * what {@code rules} sets on the processor; every refusal typed, naming {@code what}.
   */
  private JWTClaimsSet verified(
      SignedJWT signed,
      String what,
      java.util.function.Consumer<DefaultJWTProcessor<SecurityContext>> rules)
      throws AuthenticationFailure {
    String algorithm = signed.getHeader().getAlgorithm().getName();
    if (!op.idTokenAlgorithms().contains(algorithm)) {
      throw new AuthenticationFailure(
          Reason.BAD_SIGNATURE,
          "The "
              + what
              + " is signed with "
              + ErrorText.quote(algorithm)
              + ", not one of "
              + op.idTokenAlgorithms());
    }
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    Set<JWSAlgorithm> allowed =
        op.idTokenAlgorithms().stream().map(JWSAlgorithm::parse).collect(Collectors.toSet());
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(allowed, keys));
    rules.accept(processor);
    try {
      return processor.process(signed, null);
    } catch (BadJWTException e) {
      String message = String.valueOf(e.getMessage());
      throw new AuthenticationFailure(
          message.toLowerCase(Locale.ROOT).contains("expired")
              ? Reason.EXPIRED
              : Reason.WRONG_PARTY,
          "The " + what + " is refused: " + ErrorText.quote(message));
    } catch (BadJOSEException | JOSEException e) {
      throw new AuthenticationFailure(
          Reason.BAD_SIGNATURE,
          "The " + what + " signature is refused: " + ErrorText.quote(e.getMessage()));
    } catch (RuntimeException e) {
      throw new AuthenticationFailure(
          Reason.NATIONAL_UNAVAILABLE, "The provider's keys cannot be read", e);
    }
  }

  /**
   * The provider's signed JWT access token, for a provider that issues no ID token: the token
   * itself (below), a {@code nonce} if it carries one equal to this login's, no {@code acr} of "0"
   * (a reused session), and an ID token that comes anyway valid and about the same subject. The
   * single-use state and the PKCE verifier bind it to this login; the login always asked for a new
   * authentication, whose {@code auth_time} the caller checks.
   */
  private JWTClaimsSet validateAccessToken(
      AccessTokenResponse tokens, PendingAuthentication pending) throws AuthenticationFailure {
    JWTClaimsSet claims = validateAccessToken(tokens.getTokens().getAccessToken().getValue());
    String nonce = pending.protocolState().get(NONCE);
    Object tokenNonce = claims.getClaim("nonce");
    if (tokenNonce != null && !tokenNonce.toString().equals(nonce)) {
      throw new AuthenticationFailure(
          Reason.WRONG_PARTY, "The access token answers another login (nonce)");
    }
    if ("0".equals(String.valueOf(claims.getClaim("acr")))) {
      // Keycloak's acr for a login that only reused a session
      throw new AuthenticationFailure(
          Reason.LEVEL_TOO_LOW, "The provider reused a session instead of authenticating");
    }
    if (tokens instanceof OIDCTokenResponse oidc && oidc.getOIDCTokens().getIDToken() != null) {
      // An ID token that comes anyway is checked as one, and must name the same person.
      JWTClaimsSet idToken = validateIdToken(oidc.getOIDCTokens().getIDToken(), pending);
      if (!Objects.equals(idToken.getSubject(), claims.getSubject())) {
        throw new AuthenticationFailure(
            Reason.WRONG_PARTY, "The ID token and the access token describe different subjects");
      }
    }
    return claims;
  }

  /**
   * Signature (allowed algorithms, the provider's JWKS only; header type JWT, at+jwt or none),
   * issuer, issued to Most ({@code azp}), a subject, {@code typ} Bearer if typed, expiry, issue
   * time, not-before and {@code auth_time} by our clock.
   */
  private JWTClaimsSet validateAccessToken(String token) throws AuthenticationFailure {
    SignedJWT signed;
    try {
      signed = SignedJWT.parse(token);
    } catch (java.text.ParseException e) {
      throw new AuthenticationFailure(Reason.BAD_SIGNATURE, "The access token is not a signed JWT");
    }
    return verified(signed, "access token", this::accessTokenRules);
  }

  private void accessTokenRules(DefaultJWTProcessor<SecurityContext> processor) {
    // Keycloak, on which the MVR eID runs, types its access tokens "JWT" or not at all; RFC 9068
    // types them at+jwt.
    processor.setJWSTypeVerifier(
        new com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier<>(
            com.nimbusds.jose.JOSEObjectType.JWT,
            new com.nimbusds.jose.JOSEObjectType("at+jwt"),
            null));
    processor.setJWTClaimsSetVerifier(
        (claims, context) -> {
          Instant now = clock.instant();
          if (!op.issuer().equals(claims.getIssuer())) {
            throw new BadJWTException("the issuer is not " + op.issuer());
          }
          if (claims.getSubject() == null) {
            throw new BadJWTException("no subject");
          }
          // Keycloak names the client a token was issued to in azp; its aud is often "account".
          Object azp = claims.getClaim("azp");
          if (azp == null || !client.clientId().equals(azp.toString())) {
            throw new BadJWTException("issued to another client (azp)");
          }
          Object typ = claims.getClaim("typ");
          if (typ != null && !"Bearer".equals(typ.toString())) {
            throw new BadJWTException("not an access token (typ " + typ + ")");
          }
          if (claims.getExpirationTime() == null
              || !now.minus(op.clockSkew()).isBefore(claims.getExpirationTime().toInstant())) {
            throw BadJWTExceptions.EXPIRED_EXCEPTION;
          }
          if (claims.getIssueTime() == null
              || claims.getIssueTime().toInstant().isAfter(now.plus(op.clockSkew()))) {
            throw new BadJWTException("no issue time, or one in the future");
          }
          if (claims.getNotBeforeTime() != null
              && claims.getNotBeforeTime().toInstant().isAfter(now.plus(op.clockSkew()))) {
            throw new BadJWTException("not yet valid");
          }
          Object authTime = claims.getClaim("auth_time");
          if (authTime instanceof Number seconds
              && Instant.ofEpochSecond(seconds.longValue()).isAfter(now.plus(op.clockSkew()))) {
            throw new BadJWTException("authenticated in the future");
          }
        });
  }

  private Map<String, Object> userInfo(BearerAccessToken token) throws AuthenticationFailure {
    try {
      UserInfoResponse response =
          UserInfoResponse.parse(
              send(
                  new UserInfoRequest(op.userInfoEndpoint().orElseThrow(), token).toHTTPRequest()));
      if (!response.indicatesSuccess()) {
        throw new AuthenticationFailure(
            Reason.NATIONAL_ERROR, "The userinfo endpoint refused the token");
      }
      UserInfoSuccessResponse success = response.toSuccessResponse();
      if (success.getUserInfo() == null) {
        throw new AuthenticationFailure(
            Reason.MALFORMED_ANSWER, "Signed userinfo responses are not supported");
      }
      return new LinkedHashMap<>(success.getUserInfo().toJSONObject());
    } catch (ParseException | RuntimeException e) {
      throw new AuthenticationFailure(Reason.NATIONAL_ERROR, "The userinfo response is malformed");
    }
  }

  private HTTPResponse send(HTTPRequest request) throws AuthenticationFailure {
    int timeout = (int) op.httpTimeout().toMillis();
    request.setConnectTimeout(timeout);
    request.setReadTimeout(timeout);
    try {
      return request.send();
    } catch (IOException e) {
      throw new AuthenticationFailure(
          Reason.NATIONAL_UNAVAILABLE,
          "The provider cannot be reached at " + request.getURI().getHost());
    }
  }
}
