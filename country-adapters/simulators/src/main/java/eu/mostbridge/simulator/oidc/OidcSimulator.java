package eu.mostbridge.simulator.oidc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import eu.mostbridge.simulator.Persona;
import eu.mostbridge.simulator.Personas;
import eu.mostbridge.simulator.http.Exchanges;
import eu.mostbridge.simulator.http.FormData;
import eu.mostbridge.simulator.http.Html;
import eu.mostbridge.simulator.http.PersonaPicker;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A simulated national OpenID provider, mounted at a path whose URL is its issuer:
 *
 * <ul>
 *   <li>{@code GET /.well-known/openid-configuration}, {@code GET /jwks};
 *   <li>{@code GET /authorize}: checks client, exact redirect URI, {@code code} flow, state, nonce
 *       and a PKCE S256 challenge, then shows the persona picker;
 *   <li>{@code POST /login}: the picker; redirects back with a code, state and {@code iss};
 *   <li>{@code POST /token}: client_secret_basic, single-use code, redirect URI, PKCE verifier;
 *   <li>{@code GET /userinfo}: the persona's claims for a valid access token.
 * </ul>
 */
public final class OidcSimulator implements HttpHandler {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CODE_LIFETIME = Duration.ofSeconds(60);

  private final URI issuer;
  private final OidcSimulatorSettings settings;
  private final Personas personas;
  private final JWK signingKey;
  private final JWK strangerKey;
  private final Map<String, Authorization> waiting = new ConcurrentHashMap<>();
  private final Map<String, Grant> codes = new ConcurrentHashMap<>();
  private final Map<String, Grant> accessTokens = new ConcurrentHashMap<>();
  private final Set<OidcMisbehaviour> faults = ConcurrentHashMap.newKeySet();
  private volatile java.util.function.UnaryOperator<JWTClaimsSet> accessTokenRewrite =
      java.util.function.UnaryOperator.identity();
  private volatile java.util.function.UnaryOperator<byte[]> tokenResponseRewrite =
      java.util.function.UnaryOperator.identity();

  private record Authorization(
      String redirectUri, String state, String nonce, String codeChallenge, String level) {}

  private record Grant(
      Authorization authorization, Persona persona, Instant authTime, Instant expires) {}

  public OidcSimulator(URI issuer, OidcSimulatorSettings settings, Personas personas) {
    this.issuer = issuer;
    this.settings = settings;
    this.personas = personas;
    this.signingKey = newKey(settings.signingAlgorithm(), "sim-1");
    this.strangerKey = newKey(settings.signingAlgorithm(), "sim-1");
  }

  private static JWK newKey(String algorithm, String keyId) {
    try {
      return algorithm.equals("ES256")
          ? new ECKeyGenerator(Curve.P_256).keyID(keyId).generate()
          : new RSAKeyGenerator(2048).keyID(keyId).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  public URI issuer() {
    return issuer;
  }

  /** From now on, commit these faults (replacing any earlier set). */
  public void misbehave(Set<OidcMisbehaviour> newFaults) {
    faults.clear();
    faults.addAll(newFaults);
  }

  /**
   * From now on, write each access token's claims through {@code rewrite} before signing, for a
   * test that needs one claim wrong in a way no named fault covers ({@code
   * UnaryOperator.identity()} undoes it).
   */
  public void rewriteAccessTokens(java.util.function.UnaryOperator<JWTClaimsSet> rewrite) {
    accessTokenRewrite = rewrite;
  }

  /**
   * From now on, send each successful token response's bytes through {@code rewrite}: a fuzz target
   * splices its input into genuine answers ({@code UnaryOperator.identity()} undoes it).
   */
  public void rewriteTokenResponses(java.util.function.UnaryOperator<byte[]> rewrite) {
    tokenResponseRewrite = rewrite;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      if (path.endsWith("/.well-known/openid-configuration")) {
        json(exchange, 200, discovery());
      } else if (path.endsWith("/jwks")) {
        json(exchange, 200, new JWKSet(signingKey.toPublicJWK()).toJSONObject());
      } else if (path.endsWith("/authorize") && method.equals("GET")) {
        authorize(exchange, FormData.parse(exchange.getRequestURI().getRawQuery()));
      } else if (path.endsWith("/login") && method.equals("POST")) {
        login(exchange, FormData.parse(Exchanges.body(exchange)));
      } else if (path.endsWith("/token") && method.equals("POST")) {
        token(exchange);
      } else if (path.endsWith("/userinfo")) {
        userInfo(exchange);
      } else {
        Exchanges.html(exchange, 404, Html.page("en", "Not found", "<p>No such page.</p>"));
      }
    } catch (RuntimeException e) {
      Exchanges.internalError(exchange, "OIDC simulator", e);
    }
  }

  private Map<String, Object> discovery() {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("issuer", issuer.toString());
    metadata.put("authorization_endpoint", issuer + "/authorize");
    metadata.put("token_endpoint", issuer + "/token");
    metadata.put("userinfo_endpoint", issuer + "/userinfo");
    metadata.put("jwks_uri", issuer + "/jwks");
    metadata.put("response_types_supported", List.of("code"));
    metadata.put("subject_types_supported", List.of("public"));
    metadata.put("id_token_signing_alg_values_supported", List.of(settings.signingAlgorithm()));
    metadata.put("code_challenge_methods_supported", List.of("S256"));
    metadata.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic"));
    metadata.put("acr_values_supported", List.copyOf(settings.acrValues().values()));
    metadata.put("authorization_response_iss_parameter_supported", true);
    return metadata;
  }

  private void authorize(HttpExchange exchange, Map<String, String> query) throws IOException {
    String redirectUri = query.get("redirect_uri");
    if (!settings.clientId().equals(query.get("client_id"))
        || !settings.redirectUris().contains(redirectUri)) {
      // Never redirect to an unregistered URI: show the error here.
      Exchanges.html(
          exchange, 400, Html.page("en", "OIDC simulator: unknown client or redirect URI", ""));
      return;
    }
    String problem = null;
    if (!"code".equals(query.get("response_type"))) {
      problem = "unsupported_response_type";
    } else if (query.get("scope") == null
        || !List.of(query.get("scope").split(" ", -1)).contains("openid")) {
      problem = "invalid_scope";
    } else if (query.get("state") == null
        || (settings.issuesIdToken() && query.get("nonce") == null)) {
      problem = "invalid_request";
    } else if (query.get("code_challenge") == null
        || !"S256".equals(query.get("code_challenge_method"))) {
      problem = "invalid_request";
    }
    if (problem != null) {
      redirect(
          exchange,
          redirectUri,
          Map.of("error", problem, "state", String.valueOf(query.get("state"))));
      return;
    }
    String level = "low";
    // An OpenID provider reads the level from acr_values; the MVR's own flow from the scope.
    String levelParameter = settings.issuesIdToken() ? "acr_values" : "scope";
    if (query.get(levelParameter) != null) {
      for (String acr : query.get(levelParameter).split(" ", -1)) {
        for (Map.Entry<String, String> e : settings.acrValues().entrySet()) {
          if (e.getValue().equals(acr)) {
            level = e.getKey();
          }
        }
      }
    }
    String handle = random();
    waiting.put(
        handle,
        new Authorization(
            redirectUri,
            query.get("state"),
            query.get("nonce"),
            query.get("code_challenge"),
            level));
    Exchanges.html(
        exchange,
        200,
        PersonaPicker.page(
            settings.style() == ClaimStyle.MVR
                ? "Simulated Bulgarian MVR eID"
                : "Simulated North Macedonian eid.mk",
            settings.country(),
            level,
            handle,
            personas.of(settings.country())));
  }

  private void login(HttpExchange exchange, Map<String, String> form) throws IOException {
    Authorization authorization = waiting.remove(form.getOrDefault("request", ""));
    if (authorization == null) {
      Exchanges.html(
          exchange, 400, Html.page("en", "OIDC simulator: unknown or answered request", ""));
      return;
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    String state = faults.contains(OidcMisbehaviour.WRONG_STATE) ? random() : authorization.state();
    if ("cancel".equals(form.get("action")) || faults.contains(OidcMisbehaviour.ERROR_RESPONSE)) {
      parameters.put("error", "access_denied");
      parameters.put("error_description", "The user cancelled");
    } else {
      Persona persona =
          personas
              .byId(form.getOrDefault("persona", ""))
              .filter(
                  p -> p.country().equals(settings.country()) && p.reaches(authorization.level()))
              .orElse(null);
      if (persona == null) {
        Exchanges.html(
            exchange,
            400,
            Html.page("en", "OIDC simulator: choose a persona who reaches the level", ""));
        return;
      }
      String code = random();
      codes.put(
          code,
          new Grant(authorization, persona, Instant.now(), Instant.now().plus(CODE_LIFETIME)));
      parameters.put("code", code);
    }
    parameters.put("state", state);
    if (!faults.contains(OidcMisbehaviour.MISSING_ISS)) {
      parameters.put("iss", issuer.toString());
    }
    redirect(exchange, authorization.redirectUri(), parameters);
  }

  private void token(HttpExchange exchange) throws IOException {
    Map<String, String> form = FormData.parse(Exchanges.body(exchange));
    if (!clientAuthenticated(exchange.getRequestHeaders().getFirst("Authorization"))) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Basic");
      json(exchange, 401, Map.of("error", "invalid_client"));
      return;
    }
    if (!"authorization_code".equals(form.get("grant_type"))) {
      json(exchange, 400, Map.of("error", "unsupported_grant_type"));
      return;
    }
    Grant grant = codes.remove(form.getOrDefault("code", ""));
    if (grant == null
        || Instant.now().isAfter(grant.expires())
        || !grant.authorization().redirectUri().equals(form.get("redirect_uri"))
        || form.get("code_verifier") == null
        || !s256(form.get("code_verifier")).equals(grant.authorization().codeChallenge())) {
      json(exchange, 400, Map.of("error", "invalid_grant"));
      return;
    }
    String accessToken = settings.issuesIdToken() ? random() : accessToken(grant);
    accessTokens.put(accessToken, grant);
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("access_token", accessToken);
    response.put("token_type", "Bearer");
    response.put("expires_in", 300);
    if (settings.issuesIdToken()) {
      response.put("id_token", idToken(grant));
    } else {
      response.put("refresh_token", random());
      response.put("scope", "openid " + settings.acrValues().get(grant.authorization().level()));
    }
    byte[] bytes = tokenResponseRewrite.apply(JSON.writeValueAsBytes(response));
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private boolean clientAuthenticated(String authorization) {
    if (authorization == null || !authorization.startsWith("Basic ")) {
      return false;
    }
    try {
      String decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      String id = java.net.URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
      String secret =
          java.net.URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
      return settings.clientId().equals(id)
          && MessageDigest.isEqual(
              settings.clientSecret().getBytes(StandardCharsets.UTF_8),
              secret.getBytes(StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      return false;
    }
  }

  private void userInfo(HttpExchange exchange) throws IOException {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    Grant grant =
        authorization != null && authorization.startsWith("Bearer ")
            ? accessTokens.get(authorization.substring(7))
            : null;
    if (grant == null) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer error=\"invalid_token\"");
      json(exchange, 401, Map.of("error", "invalid_token"));
      return;
    }
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put(
        "sub",
        faults.contains(OidcMisbehaviour.USERINFO_OTHER_SUBJECT)
            ? "sim-someone-else"
            : subject(grant.persona()));
    claims.putAll(identityClaims(grant.persona(), grant.authorization().level()));
    json(exchange, 200, claims);
  }

  private String idToken(Grant grant) {
    return token(
        grant,
        java.util.function.UnaryOperator.identity(),
        (claims, now) ->
            claims
                .audience(
                    now.contains(OidcMisbehaviour.WRONG_AUDIENCE)
                        ? "another-client"
                        : settings.clientId())
                .claim(
                    "nonce",
                    now.contains(OidcMisbehaviour.WRONG_NONCE)
                        ? random()
                        : grant.authorization().nonce())
                .claim("acr", settings.acrValues().get(level(grant, now))));
  }

  /**
   * The MVR eID's signed JWT access token, as Keycloak issues one: issuer, subject, {@code azp},
   * expiry, {@code auth_time}, the granted {@code scope} with the level, and the identity claims.
   */
  private String accessToken(Grant grant) {
    return token(
        grant,
        accessTokenRewrite,
        (claims, now) ->
            claims
                .audience("account")
                .claim("typ", "Bearer")
                .claim(
                    "azp",
                    now.contains(OidcMisbehaviour.WRONG_AUDIENCE)
                        ? "another-client"
                        : settings.clientId())
                .claim("scope", "openid " + settings.acrValues().get(level(grant, now))));
  }

  /**
   * A token about {@code grant} with what both kinds carry (issuer, subject, times, {@code
   * auth_time}, the identity), {@code specific} adding the rest, under the faults in force.
   */
  private String token(
      Grant grant,
      java.util.function.UnaryOperator<JWTClaimsSet> rewrite,
      java.util.function.BiConsumer<JWTClaimsSet.Builder, Set<OidcMisbehaviour>> specific) {
    Set<OidcMisbehaviour> now =
        faults.isEmpty() ? EnumSet.noneOf(OidcMisbehaviour.class) : EnumSet.copyOf(faults);
    Instant issued =
        now.contains(OidcMisbehaviour.EXPIRED)
            ? Instant.now().minus(Duration.ofHours(1))
            : Instant.now();
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(
                now.contains(OidcMisbehaviour.WRONG_ISSUER)
                    ? "https://wrong.example"
                    : issuer.toString())
            .subject(subject(grant.persona()))
            .issueTime(Date.from(issued))
            .expirationTime(Date.from(issued.plus(Duration.ofMinutes(5))))
            .claim("auth_time", authTime(grant, now));
    specific.accept(claims, now);
    identityClaims(grant.persona(), level(grant, now)).forEach(claims::claim);
    return signed(rewrite.apply(claims.build()), now);
  }

  private static String level(Grant grant, Set<OidcMisbehaviour> now) {
    return now.contains(OidcMisbehaviour.LOWER_LEVEL) ? "low" : grant.authorization().level();
  }

  private static long authTime(Grant grant, Set<OidcMisbehaviour> now) {
    Instant authenticated = grant.authTime();
    return (now.contains(OidcMisbehaviour.REUSED_SESSION)
            ? authenticated.minus(Duration.ofHours(1))
            : authenticated)
        .getEpochSecond();
  }

  private String signed(JWTClaimsSet set, Set<OidcMisbehaviour> now) {
    try {
      if (now.contains(OidcMisbehaviour.UNSIGNED)) {
        return new PlainJWT(set).serialize();
      }
      if (now.contains(OidcMisbehaviour.HMAC_WITH_PUBLIC_KEY)) {
        byte[] secret = signingKey.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
        SignedJWT jwt =
            new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(signingKey.getKeyID()).build(),
                set);
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
      }
      JWK key = now.contains(OidcMisbehaviour.WRONG_SIGNING_KEY) ? strangerKey : signingKey;
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.parse(settings.signingAlgorithm()))
                  .keyID(key.getKeyID())
                  .build(),
              set);
      jwt.sign(signer(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JWSSigner signer(JWK key) throws JOSEException {
    return key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key);
  }

  private Map<String, Object> identityClaims(Persona persona, String level) {
    Map<String, Object> claims = new LinkedHashMap<>();
    // The MVR's own flow releases citizen_identifier at the high level only (its public code).
    boolean dropIdentifier =
        faults.contains(OidcMisbehaviour.MISSING_IDENTIFIER)
            || (!settings.issuesIdToken() && !"high".equals(level));
    if (settings.style() == ClaimStyle.MVR) {
      if (!dropIdentifier) {
        claims.put("citizen_identifier", persona.identifier());
      }
      claims.put(
          "citizen_identifier_type", persona.identifierType().equals("LNCH") ? "LNCh" : "EGN");
      claims.put("given_name_cyrillic", persona.givenName());
      if (persona.middleName() != null) {
        claims.put("middle_name_cyrillic", persona.middleName());
      }
      claims.put("family_name_cyrillic", persona.familyName());
      claims.put("date_of_birth", persona.dateOfBirth().toString());
      if (persona.latinName() != null) {
        String[] latin = persona.latinName().split(" ", -1);
        claims.put("given_name", latin[0]);
        if (latin.length > 2) {
          claims.put("middle_name", latin[1]);
        }
        claims.put("family_name", latin[latin.length - 1]);
      }
    } else {
      if (!dropIdentifier) {
        claims.put("embg", persona.identifier());
      }
      claims.put("given_name#mk-Cyrl", persona.givenName());
      claims.put("family_name#mk-Cyrl", persona.familyName());
      claims.put("birthdate", persona.dateOfBirth().toString());
      claims.put("gender", persona.gender());
    }
    return claims;
  }

  private String subject(Persona persona) {
    return "sim-" + persona.id();
  }

  private static String s256(String verifier) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void redirect(HttpExchange exchange, String target, Map<String, String> parameters)
      throws IOException {
    StringBuilder location = new StringBuilder(target).append(target.contains("?") ? '&' : '?');
    parameters.forEach(
        (name, value) ->
            location
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8))
                .append('&'));
    location.setLength(location.length() - 1);
    exchange.getResponseHeaders().set("Location", location.toString());
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(303, -1);
    exchange.close();
  }

  private static void json(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String random() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
