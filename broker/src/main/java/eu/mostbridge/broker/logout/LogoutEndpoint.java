package eu.mostbridge.broker.logout;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import eu.mostbridge.broker.audit.AuditEvent;
import eu.mostbridge.broker.audit.AuditLog;
import eu.mostbridge.broker.client.ClientRegistration;
import eu.mostbridge.broker.client.ClientRegistry;
import eu.mostbridge.broker.config.BrokerConfig;
import eu.mostbridge.broker.config.IssuerUrl;
import eu.mostbridge.broker.keys.SigningKeys;
import eu.mostbridge.broker.web.BrowserCookies;
import eu.mostbridge.broker.web.ErrorPages;
import eu.mostbridge.broker.web.Language;
import eu.mostbridge.broker.web.Pages;
import eu.mostbridge.broker.web.Texts;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.text.ParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0), by GET or by a POSTed form (which
 * keeps {@code id_token_hint} out of browser history and proxy logs). Most keeps no single sign-on
 * session (every login goes to the national eID), so logging out forgets the browser cookie that
 * binds logins in progress. {@code post_logout_redirect_uri} is followed only when it is
 * registered, exactly, for the client named by a valid {@code id_token_hint} (signed by Most; it
 * may have expired) or {@code client_id}; otherwise a "logged out" page is shown. {@code state}
 * comes back exactly as sent.
 */
@Path("/logout")
public class LogoutEndpoint {
  private final ClientRegistry clients;
  private final SigningKeys keys;
  private final ErrorPages errorPages;
  private final Pages pages;
  private final AuditLog audit;
  private final String issuer;
  private final BrowserCookies cookies;

  /** The longest value of each parameter; longer ones are refused, never stored or echoed. */
  private static final Map<String, Integer> LIMITS =
      Map.of(
          "id_token_hint", 16 * 1024,
          "client_id", 255,
          "post_logout_redirect_uri", 2048,
          "state", 2048,
          "ui_locales", 256,
          "logout_hint", 1024);

  public LogoutEndpoint(
      ClientRegistry clients,
      SigningKeys keys,
      ErrorPages errorPages,
      Pages pages,
      AuditLog audit,
      BrokerConfig config,
      BrowserCookies cookies) {
    this.cookies = cookies;
    this.clients = clients;
    this.keys = keys;
    this.errorPages = errorPages;
    this.pages = pages;
    this.audit = audit;
    this.issuer = IssuerUrl.of(config).base();
  }

  @GET
  public Response get(@Context UriInfo uri, @HeaderParam("Accept-Language") String language) {
    return logout(uri.getQueryParameters(), language);
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response post(
      MultivaluedMap<String, String> form, @HeaderParam("Accept-Language") String language) {
    return logout(form, language);
  }

  private Response logout(MultivaluedMap<String, String> parameters, String acceptLanguage) {
    for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
      Integer limit = LIMITS.get(parameter.getKey());
      if (limit != null
          && (parameter.getValue().size() > 1 || parameter.getValue().get(0).length() > limit)) {
        audit.record(
            AuditEvent.of("logout.refused")
                .with("outcome", "invalid_request")
                .with("description", parameter.getKey() + " repeated or too long"));
        return errorPages.page(
            400, Texts.of(Language.choose(Optional.empty(), acceptLanguage)), "error.bad_request");
      }
    }
    Optional<ClientRegistration> client = Optional.empty();
    String hint = parameters.getFirst("id_token_hint");
    if (hint != null) {
      client = clientOfHint(hint);
      if (client.isEmpty()) {
        audit.record(AuditEvent.of("logout.refused").with("outcome", "invalid id_token_hint"));
        return errorPages.page(
            400, Texts.of(Language.choose(Optional.empty(), acceptLanguage)), "error.bad_request");
      }
    }
    String clientId = parameters.getFirst("client_id");
    if (clientId != null) {
      if (client.isPresent() && !client.get().id().equals(clientId)) {
        return errorPages.page(
            400, Texts.of(Language.choose(Optional.empty(), acceptLanguage)), "error.bad_request");
      }
      client = client.or(() -> clients.find(clientId));
    }
    String target = parameters.getFirst("post_logout_redirect_uri");
    audit.record(
        AuditEvent.of("logout").with("client", client.map(ClientRegistration::id).orElse(null)));
    if (target != null
        && client.isPresent()
        && client.get().postLogoutRedirectUris().stream()
            .anyMatch(u -> u.toString().equals(target))) {
      String state = parameters.getFirst("state");
      URI back = URI.create(target);
      if (state != null) {
        // Encoded here, by the form rules RPs decode with: never read as a URI template.
        String query = URLUtils.serializeParameters(Map.of("state", List.of(state)));
        back = URI.create(target + (back.getRawQuery() == null ? "?" : "&") + query);
      }
      return Pages.secured(Response.seeOther(back)).cookie(cookies.expired()).build();
    }
    Texts texts =
        Texts.of(eu.mostbridge.broker.web.Language.choose(Optional.empty(), acceptLanguage));
    Map<String, Object> data = new HashMap<>();
    data.put("title", texts.all().get("logged_out_title"));
    Response page = pages.render(200, "logged-out", texts, data);
    return Response.fromResponse(page).cookie(cookies.expired()).build();
  }

  /** The client of an ID token Most signed (expired or not), or empty. */
  private Optional<ClientRegistration> clientOfHint(String hint) {
    try {
      SignedJWT jwt = SignedJWT.parse(hint);
      Optional<JWK> key =
          keys.publicKeys().getKeys().stream()
              .filter(k -> k.getKeyID().equals(jwt.getHeader().getKeyID()))
              .findFirst();
      if (key.isEmpty() || !verified(jwt, key.get())) {
        return Optional.empty();
      }
      if (!issuer.equals(jwt.getJWTClaimsSet().getIssuer())) {
        return Optional.empty();
      }
      List<String> audience = jwt.getJWTClaimsSet().getAudience();
      return audience.size() == 1 ? clients.find(audience.get(0)) : Optional.empty();
    } catch (ParseException | JOSEException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static boolean verified(SignedJWT jwt, JWK key) throws JOSEException {
    if (!jwt.getHeader()
        .getAlgorithm()
        .getName()
        .equals(key.getAlgorithm() == null ? "" : key.getAlgorithm().getName())) {
      return false;
    }
    return key instanceof ECKey ec
        ? jwt.verify(new ECDSAVerifier(ec))
        : jwt.verify(new RSASSAVerifier((RSAKey) key));
  }
}
