package eu.mostbridge.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import eu.mostbridge.broker.config.BrokerConfig;
import eu.mostbridge.broker.config.IssuerUrl;
import eu.mostbridge.broker.web.Pages;
import eu.mostbridge.broker.web.RandomTokens;
import eu.mostbridge.broker.web.Texts;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The demo's two relying parties, written as any integrator would write one: a "log in with your
 * national eID" button that sends an authorization request (state, nonce, PKCE S256), and a
 * callback that checks {@code state} and {@code iss}, redeems the code over HTTP with
 * client_secret_basic, verifies the ID token with Most's JWKS, reads userinfo, and shows every
 * claim received.
 */
@Path("/demo")
public class DemoRelyingParty {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> SERVICES =
      Map.of("bg-service", DemoClients.BG_SERVICE, "mk-service", DemoClients.MK_SERVICE);
  private static final String COOKIE = "demo_rp_login";

  private final BrokerConfig config;
  private final DemoClients clients;
  private final Pages pages;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private volatile JWKSource<SecurityContext> mostKeys;

  public DemoRelyingParty(BrokerConfig config, DemoClients clients, Pages pages) {
    this.config = config;
    this.clients = clients;
    this.pages = pages;
  }

  /** One claim on the result page. */
  public record Claim(String name, String value) {}

  private String base() {
    return IssuerUrl.of(config).base();
  }

  private String clientId(String service) {
    if (!SERVICES.containsKey(service)) {
      throw new NotFoundException();
    }
    return SERVICES.get(service);
  }

  @GET
  public Response index() {
    Map<String, Object> data = new HashMap<>();
    data.put("title", "Most demo");
    data.put("issuer", base());
    return pages.render(200, "demo/index", Texts.of("en"), data);
  }

  @GET
  @Path("{service}/")
  public Response home(@PathParam("service") String service) {
    String clientId = clientId(service);
    Map<String, Object> data = new HashMap<>();
    data.put("title", title(service));
    data.put("service", service);
    data.put("citizens", service.equals("bg-service") ? "North Macedonia" : "Bulgaria");
    data.put("clientId", clientId);
    return pages.render(200, "demo/service", Texts.of("en"), data);
  }

  @GET
  @Path("{service}/login")
  public Response login(
      @PathParam("service") String service,
      @QueryParam("ui_locales") String uiLocales,
      @QueryParam("acr") String acr) {
    String clientId = clientId(service);
    String state = RandomTokens.next();
    String nonce = RandomTokens.next();
    String verifier = RandomTokens.next() + RandomTokens.next();
    UriBuilder authorize =
        UriBuilder.fromUri(base() + "/authorize")
            .queryParam("client_id", clientId)
            .queryParam("response_type", "code")
            .queryParam("scope", "openid profile")
            .queryParam("redirect_uri", base() + "/demo/" + service + "/callback")
            .queryParam("state", state)
            .queryParam("nonce", nonce)
            .queryParam(
                "code_challenge",
                CodeChallenge.compute(CodeChallengeMethod.S256, new CodeVerifier(verifier))
                    .getValue())
            .queryParam("code_challenge_method", "S256");
    if (uiLocales != null && Set.of("bg", "mk", "en").contains(uiLocales)) {
      authorize.queryParam("ui_locales", uiLocales);
    }
    if (acr != null && Set.of("low", "substantial", "high").contains(acr)) {
      authorize.queryParam("acr_values", "http://eidas.europa.eu/LoA/" + acr);
    }
    // What the callback needs, kept in an HttpOnly cookie of the demo path; a real relying party
    // would keep it in its own session.
    NewCookie kept =
        new NewCookie.Builder(COOKIE)
            .value(state + "." + nonce + "." + verifier)
            .path("/demo/" + service + "/")
            .httpOnly(true)
            .sameSite(NewCookie.SameSite.LAX)
            .build();
    return Response.seeOther(authorize.build()).cookie(kept).build();
  }

  @GET
  @Path("{service}/callback")
  public Response callback(
      @PathParam("service") String service,
      @QueryParam("code") String code,
      @QueryParam("state") String state,
      @QueryParam("iss") String iss,
      @QueryParam("error") String error,
      @QueryParam("error_description") String errorDescription,
      @CookieParam(COOKIE) String kept) {
    String clientId = clientId(service);
    String[] parts = kept == null ? new String[0] : kept.split("\\.");
    if (parts.length != 3 || state == null || !parts[0].equals(state)) {
      return result(service, "The state does not match this browser's login.", List.of());
    }
    if (!base().equals(iss)) {
      return result(service, "The response's iss is not Most's issuer (RFC 9207).", List.of());
    }
    if (error != null) {
      return result(
          service,
          "Most answered " + error + (errorDescription == null ? "" : ": " + errorDescription),
          List.of());
    }
    try {
      String redirect = base() + "/demo/" + service + "/callback";
      String form =
          "grant_type=authorization_code&code="
              + enc(code)
              + "&redirect_uri="
              + enc(redirect)
              + "&code_verifier="
              + enc(parts[2]);
      HttpResponse<String> tokenResponse =
          http.send(
              HttpRequest.newBuilder(URI.create(base() + "/token"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .header(
                      "Authorization",
                      "Basic "
                          + Base64.getEncoder()
                              .encodeToString(
                                  (enc(clientId) + ":" + enc(clients.secret()))
                                      .getBytes(StandardCharsets.UTF_8)))
                  .timeout(Duration.ofSeconds(10))
                  .POST(HttpRequest.BodyPublishers.ofString(form))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      Map<?, ?> tokens = JSON.readValue(tokenResponse.body(), Map.class);
      if (tokenResponse.statusCode() != 200) {
        return result(service, "The token request failed: " + tokens.get("error"), List.of());
      }
      JWTClaimsSet idToken = verify((String) tokens.get("id_token"), clientId, parts[1]);
      HttpResponse<String> userInfo =
          http.send(
              HttpRequest.newBuilder(URI.create(base() + "/userinfo"))
                  .header("Authorization", "Bearer " + tokens.get("access_token"))
                  .timeout(Duration.ofSeconds(10))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      List<Claim> claims = new ArrayList<>();
      idToken.getClaims().forEach((name, value) -> claims.add(new Claim(name, show(value))));
      claims.add(new Claim("(userinfo, HTTP " + userInfo.statusCode() + ")", userInfo.body()));
      return result(service, null, claims);
    } catch (Exception e) {
      return result(
          service, "The login could not be completed: " + e.getClass().getSimpleName(), List.of());
    }
  }

  private JWTClaimsSet verify(String idToken, String clientId, String nonce) throws Exception {
    if (mostKeys == null) {
      mostKeys =
          JWKSourceBuilder.<SecurityContext>create(URI.create(base() + "/jwks").toURL()).build();
    }
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(
        new JWSVerificationKeySelector<>(
            Set.of(JWSAlgorithm.ES256, JWSAlgorithm.PS256, JWSAlgorithm.RS256), mostKeys));
    processor.setJWTClaimsSetVerifier(
        new DefaultJWTClaimsVerifier<>(
            clientId,
            new JWTClaimsSet.Builder().issuer(base()).claim("nonce", nonce).build(),
            Set.of("sub", "iat", "exp", "acr")));
    return processor.process(idToken, null);
  }

  private Response result(String service, String problem, List<Claim> claims) {
    Map<String, Object> data = new HashMap<>();
    data.put("title", title(service));
    data.put("service", service);
    data.put("problem", problem);
    data.put("claims", claims);
    return pages.render(problem == null ? 200 : 400, "demo/result", Texts.of("en"), data);
  }

  private static String title(String service) {
    return service.equals("bg-service")
        ? "Bulgarian municipality (demo service)"
        : "Macedonian ministry (demo service)";
  }

  private static String show(Object value) {
    return value instanceof java.util.Date date
        ? String.valueOf(date.toInstant().getEpochSecond())
        : String.valueOf(value);
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
