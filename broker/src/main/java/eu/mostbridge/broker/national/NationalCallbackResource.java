package eu.mostbridge.broker.national;

import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.openid.connect.sdk.OIDCError;
import eu.mostbridge.adapter.AuthenticationFailure;
import eu.mostbridge.adapter.CountryAdapter;
import eu.mostbridge.adapter.NationalAnswer;
import eu.mostbridge.broker.audit.AuditEvent;
import eu.mostbridge.broker.audit.AuditLog;
import eu.mostbridge.broker.audit.LoginMetrics;
import eu.mostbridge.broker.flow.LoginFlow;
import eu.mostbridge.broker.flow.LoginFlowStore;
import eu.mostbridge.broker.login.LoginSteps;
import eu.mostbridge.broker.token.ReleasedClaims;
import eu.mostbridge.broker.web.BrowserCookie;
import eu.mostbridge.broker.web.Pages;
import eu.mostbridge.broker.web.Texts;
import eu.mostbridge.identity.CommonIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where each national eID answers: {@code /callback/<adapter id>}, the SAML assertion consumer
 * service (HTTP-POST) or the OIDC redirect URI (GET). The browser's cookie finds the login that
 * waits for this eID; the adapter validates everything; then the citizen goes on to consent.
 *
 * <p>A SAML answer is a cross-site POST, on which browsers do not send the SameSite=Lax cookie.
 * Such a request is answered with a page that posts the same fields again from Most's own origin,
 * which carries the cookie: no SameSite=None cookie is needed.
 */
@Path("/callback/{adapter}")
public class NationalCallbackResource {
  static final String RESUBMITTED = "most_resubmitted";

  private final NationalEids eids;
  private final LoginFlowStore flows;
  private final LoginSteps steps;
  private final Pages pages;
  private final ReleasedClaims claims;
  private final AuditLog audit;
  private final LoginMetrics metrics;

  public NationalCallbackResource(
      NationalEids eids,
      LoginFlowStore flows,
      LoginSteps steps,
      Pages pages,
      ReleasedClaims claims,
      AuditLog audit,
      LoginMetrics metrics) {
    this.eids = eids;
    this.flows = flows;
    this.steps = steps;
    this.pages = pages;
    this.claims = claims;
    this.audit = audit;
    this.metrics = metrics;
  }

  @GET
  public Response redirected(
      @PathParam("adapter") String adapterId,
      @Context UriInfo uri,
      @CookieParam(BrowserCookie.NAME) String browser,
      @HeaderParam("Accept-Language") String acceptLanguage) {
    return answer(adapterId, "GET", uri.getQueryParameters(), browser, acceptLanguage);
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response posted(
      @PathParam("adapter") String adapterId,
      MultivaluedMap<String, String> form,
      @CookieParam(BrowserCookie.NAME) String browser,
      @HeaderParam("Accept-Language") String acceptLanguage) {
    Map<String, List<String>> fields = new LinkedHashMap<>(form);
    boolean resubmitted = fields.remove(RESUBMITTED) != null;
    if (!BrowserCookie.valid(browser) && !resubmitted && eids.byId(adapterId).isPresent()) {
      Texts texts = steps.texts(Optional.empty(), acceptLanguage);
      List<Map.Entry<String, String>> again = new ArrayList<>();
      fields.forEach((name, values) -> values.forEach(v -> again.add(Map.entry(name, v))));
      again.add(Map.entry(RESUBMITTED, "1"));
      Map<String, Object> data = new HashMap<>();
      data.put("title", texts.all().get("post_title"));
      data.put("action", steps.url("/callback/" + adapterId).toString());
      data.put("fields", again);
      return pages.render(200, "post", texts, data);
    }
    return answer(adapterId, "POST", fields, browser, acceptLanguage);
  }

  private Response answer(
      String adapterId,
      String method,
      Map<String, List<String>> parameters,
      String browser,
      String acceptLanguage) {
    Optional<CountryAdapter> adapter = eids.byId(adapterId);
    Texts anonymous = steps.texts(Optional.empty(), acceptLanguage);
    if (adapter.isEmpty()) {
      return steps.errorPage(404, anonymous, "error.bad_request");
    }
    String eidName = anonymous.all().getOrDefault("method." + adapterId, adapterId);
    Optional<String> flowId =
        BrowserCookie.valid(browser)
            ? flows.takeNationalAnswer(browser, adapterId)
            : Optional.empty();
    if (flowId.isEmpty()) {
      audit.record(
          AuditEvent.of("national.unsolicited")
              .with("national_eid", adapterId)
              .with("has_browser_cookie", BrowserCookie.valid(browser)));
      return steps.errorPage(400, anonymous, "error.unsolicited", eidName);
    }
    LoginFlow flow = steps.load(flowId.get(), browser, acceptLanguage);
    if (flow.national().isEmpty() || !flow.method().equals(Optional.of(adapterId))) {
      return steps.errorPage(400, anonymous, "error.unsolicited", eidName);
    }
    Instant now = Instant.now();
    CommonIdentity identity;
    try {
      identity =
          adapter.get().complete(new NationalAnswer(method, parameters), flow.national().get());
      Optional<Duration> maxAge = flow.request().maxAge();
      if (maxAge.isPresent()
          && identity
              .authenticationInstant()
              .isBefore(flow.started().minus(maxAge.get()).minusSeconds(60))) {
        throw new AuthenticationFailure(
            AuthenticationFailure.Reason.EXPIRED,
            "The national authentication is older than the relying party's max_age");
      }
    } catch (AuthenticationFailure failure) {
      return failed(flow, adapter.get(), failure, acceptLanguage);
    }
    steps.save(flow.identified(identity, now));
    metrics.leg("national", Duration.between(flow.stepStarted(), now));
    audit.record(
        AuditEvent.of("national.completed")
            .with("flow", flow.id())
            .with("client", flow.request().client().id())
            .with("national_eid", adapterId)
            .with("origin", identity.originCountry().alpha2())
            .with("level", identity.levelOfAssurance().uri())
            .with("relaxations", adapter.get().relaxations())
            .person(claims.auditHandle(identity)));
    return Pages.secured(Response.seeOther(steps.url("/login/" + flow.id() + "/consent"))).build();
  }

  private Response failed(
      LoginFlow flow,
      CountryAdapter adapter,
      AuthenticationFailure failure,
      String acceptLanguage) {
    String reference = flow.reference();
    audit.record(
        AuditEvent.of("national.failed")
            .with("flow", flow.id())
            .with("client", flow.request().client().id())
            .with("national_eid", adapter.id())
            .with("reason", failure.reason().name())
            .with("detail", failure.getMessage())
            .with("relaxations", adapter.relaxations())
            .with("reference", reference));
    String origin = adapter.country().alpha2();
    if (failure.reason() == AuthenticationFailure.Reason.CANCELLED) {
      return steps.endWithError(
          flow,
          OAuth2Error.ACCESS_DENIED.setDescription("The citizen cancelled at the national eID"),
          origin,
          acceptLanguage);
    }
    if (failure.reason() == AuthenticationFailure.Reason.LEVEL_TOO_LOW
        || failure.reason() == AuthenticationFailure.Reason.LEVEL_UNAVAILABLE) {
      return steps.endWithError(
          flow,
          OIDCError.UNMET_AUTHENTICATION_REQUIREMENTS.setDescription(
              "The national eID did not reach the required level of assurance"),
          origin,
          acceptLanguage);
    }
    String key =
        switch (failure.reason()) {
          case NATIONAL_ERROR -> "error.national_error";
          case EXPIRED, REPLAYED -> "error.late";
          case INVALID_IDENTITY -> "error.invalid_identity";
          case NATIONAL_UNAVAILABLE, STATE_UNAVAILABLE -> "error.unavailable";
          default -> "error.untrusted";
        };
    LoginFlow again = flow.choosingAgain(Instant.now());
    steps.save(again);
    Texts texts = steps.texts(Optional.of(flow), acceptLanguage);
    int status = key.equals("error.unavailable") ? 503 : 400;
    return steps.errorPageInLogin(status, texts, again, key, true, reference);
  }
}
