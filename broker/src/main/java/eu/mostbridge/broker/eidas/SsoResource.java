package eu.mostbridge.broker.eidas;

import eu.mostbridge.broker.audit.AuditEvent;
import eu.mostbridge.broker.audit.AuditLog;
import eu.mostbridge.broker.config.BrokerConfig;
import eu.mostbridge.broker.config.IssuerUrl;
import eu.mostbridge.broker.connector.ConnectorRegistration;
import eu.mostbridge.broker.connector.Connectors;
import eu.mostbridge.broker.flow.BrowserBoundLogins;
import eu.mostbridge.broker.flow.LoginFlow;
import eu.mostbridge.broker.flow.LoginRequest;
import eu.mostbridge.broker.flow.LoginTexts;
import eu.mostbridge.broker.flow.SamlReturn;
import eu.mostbridge.broker.web.BrowserCookies;
import eu.mostbridge.broker.web.ErrorPages;
import eu.mostbridge.broker.web.Pages;
import eu.mostbridge.broker.web.SameOriginResubmit;
import eu.mostbridge.broker.web.Texts;
import eu.mostbridge.replay.ReplayCache;
import eu.mostbridge.saml.eidas.AuthnRequestIntake;
import eu.mostbridge.saml.eidas.AuthnRequestRefusal;
import eu.mostbridge.saml.eidas.EidasAuthnRequest;
import eu.mostbridge.saml.eidas.EidasResponseWriter;
import eu.mostbridge.saml.eidas.ProxyServiceIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The single sign-on service of each eIDAS identity provider, {@code /eidas/<country>/sso}, over
 * HTTP-Redirect (GET) and HTTP-POST: a connector's AuthnRequest, checked by {@link
 * AuthnRequestIntake}, starts a login for a citizen of that country, bound to this browser, which
 * then goes through the choice of national eID and consent as every login does and ends with a
 * Response to the connector ({@link SamlChannelEnd}). A request that cannot be trusted gets an
 * error page; one from a trusted connector that breaks the profile gets a signed error Response.
 * Every outcome is audited.
 */
@Path("/eidas/{country}/sso")
public class SsoResource {
  private final ProxyServices services;
  private final Connectors connectors;
  private final AuthnRequestIntake intake;
  private final BrowserCookies cookies;
  private final BrowserBoundLogins logins;
  private final SameOriginResubmit posts;
  private final ErrorPages errorPages;
  private final AuditLog audit;
  private final IssuerUrl issuer;
  private final Clock clock;

  public SsoResource(
      ProxyServices services,
      Connectors connectors,
      ReplayCache replays,
      BrowserCookies cookies,
      BrowserBoundLogins logins,
      SameOriginResubmit posts,
      ErrorPages errorPages,
      AuditLog audit,
      BrokerConfig config,
      Clock clock) {
    this.services = services;
    this.connectors = connectors;
    this.intake = new AuthnRequestIntake(replays, Duration.ofSeconds(60), Duration.ofMinutes(5));
    this.cookies = cookies;
    this.logins = logins;
    this.posts = posts;
    this.errorPages = errorPages;
    this.audit = audit;
    this.issuer = IssuerUrl.of(config);
    this.clock = clock;
  }

  @GET
  public Response redirected(
      @PathParam("country") String country,
      @Context UriInfo uri,
      @Context HttpHeaders headers,
      @HeaderParam("Accept-Language") String acceptLanguage) {
    Texts texts = LoginTexts.of(Optional.empty(), acceptLanguage);
    ProxyServiceIdentity idp = identityProvider(country, texts);
    try {
      EidasAuthnRequest request =
          intake.fromRedirect(
              uri.getRequestUri().getRawQuery(), idp, this::connector, clock.instant());
      return start(idp, request, "redirect", headers, acceptLanguage);
    } catch (AuthnRequestRefusal refusal) {
      return refused(idp, refusal, "redirect", texts);
    }
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response posted(
      @PathParam("country") String country,
      MultivaluedMap<String, String> form,
      @Context HttpHeaders headers,
      @HeaderParam("Accept-Language") String acceptLanguage) {
    Texts texts = LoginTexts.of(Optional.empty(), acceptLanguage);
    ProxyServiceIdentity idp = identityProvider(country, texts);
    Map<String, List<String>> fields = new LinkedHashMap<>(form);
    if (SameOriginResubmit.needed(cookies.read(headers), fields)) {
      return posts.page(texts, idp.singleSignOnService().toString(), fields);
    }
    List<String> request = fields.getOrDefault("SAMLRequest", List.of());
    List<String> relayState = fields.getOrDefault("RelayState", List.of());
    try {
      if (request.size() != 1 || relayState.size() > 1) {
        throw AuthnRequestRefusal.malformed(
            "The form must carry one SAMLRequest and at most one RelayState");
      }
      EidasAuthnRequest accepted =
          intake.fromPost(
              request.get(0),
              relayState.stream().findFirst(),
              idp,
              this::connector,
              clock.instant());
      return start(idp, accepted, "post", headers, acceptLanguage);
    } catch (AuthnRequestRefusal refusal) {
      return refused(idp, refusal, "post", texts);
    }
  }

  /** The identity provider of the path's country, or the 404 page. */
  private ProxyServiceIdentity identityProvider(String country, Texts texts) {
    return services
        .bySegment(country)
        .orElseThrow(
            () -> new WebApplicationException(errorPages.page(404, texts, "error.bad_request")));
  }

  private Optional<ConnectorRegistration> connector(String entityId) {
    return connectors.byEntityId(entityId);
  }

  /** A login for a citizen of the identity provider's country, bound to this browser. */
  private Response start(
      ProxyServiceIdentity idp,
      EidasAuthnRequest request,
      String binding,
      HttpHeaders headers,
      String acceptLanguage) {
    ConnectorRegistration connector = connectors.byEntityId(request.issuer()).orElseThrow();
    BrowserBoundLogins.Begun begun =
        logins.begin(
            headers,
            new LoginRequest(
                Set.of(idp.nodeCountry()),
                request.level().weakestOf(idp.levels()).orElseThrow(),
                Optional.empty(),
                true,
                Optional.empty()),
            new SamlReturn(connector, idp.nodeCountry(), request),
            acceptLanguage);
    LoginFlow flow = begun.flow();
    audit.record(
        AuditEvent.of("eidas.request.accepted")
            .with("flow", flow.id())
            .with("client", connector.id())
            .with("connector_country", connector.nodeCountry().alpha2())
            .with("country", idp.nodeCountry().alpha2())
            .with("binding", binding)
            .with("sp_type", request.spType().value())
            .with("requester_id", request.requesterId().orElse(null))
            .with("levels", request.level().levels().stream().map(l -> l.uri()).toList())
            .with("relaxations", connector.relaxations().stream().sorted().toList()));
    return Pages.secured(Response.seeOther(issuer.resolve("/login/" + flow.id())))
        .cookie(begun.cookie())
        .build();
  }

  private Response refused(
      ProxyServiceIdentity idp, AuthnRequestRefusal refusal, String binding, Texts texts) {
    audit.record(
        AuditEvent.of("eidas.request.refused")
            .with("country", idp.nodeCountry().alpha2())
            .with("binding", binding)
            .with("rule", refusal.rule())
            .with("description", refusal.getMessage())
            .with("connector", refusal.answer().map(a -> a.issuer()).orElse(null))
            .with("answered", refusal.answer().isPresent()));
    if (refusal.answer().isEmpty()) {
      return errorPages.page(400, texts, "error.eidas_request");
    }
    AuthnRequestRefusal.Answer answer = refusal.answer().get();
    byte[] response =
        EidasResponseWriter.failure(
            idp,
            new EidasResponseWriter.Recipient(
                answer.requestId(), answer.issuer(), answer.assertionConsumerService()),
            answer.status(),
            answer.subStatus(),
            refusal.getMessage(),
            clock.instant());
    return SamlChannelEnd.post(
        posts, texts, answer.assertionConsumerService().toString(), response, answer.relayState());
  }
}
