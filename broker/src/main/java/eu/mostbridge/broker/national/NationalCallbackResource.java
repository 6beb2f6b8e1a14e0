package eu.mostbridge.broker.national;

import eu.mostbridge.adapter.AnswerAdmission;
import eu.mostbridge.adapter.AuthenticationFailure;
import eu.mostbridge.adapter.CountryAdapter;
import eu.mostbridge.adapter.FailedAnswerLimit;
import eu.mostbridge.adapter.NationalAnswer;
import eu.mostbridge.adapter.PendingAuthentication;
import eu.mostbridge.broker.audit.AuditEvent;
import eu.mostbridge.broker.audit.AuditLog;
import eu.mostbridge.broker.audit.LoginMetrics;
import eu.mostbridge.broker.config.BrokerConfig;
import eu.mostbridge.broker.config.IssuerUrl;
import eu.mostbridge.broker.flow.BrowserBoundLogins;
import eu.mostbridge.broker.flow.LoginErrors;
import eu.mostbridge.broker.flow.LoginFlow;
import eu.mostbridge.broker.flow.LoginFlowStore;
import eu.mostbridge.broker.flow.LoginFlowStore.Stored;
import eu.mostbridge.broker.flow.LoginProgress;
import eu.mostbridge.broker.flow.LoginRefusal;
import eu.mostbridge.broker.flow.LoginTexts;
import eu.mostbridge.broker.token.ReleasedClaims;
import eu.mostbridge.broker.web.BrowserCookies;
import eu.mostbridge.broker.web.ErrorPages;
import eu.mostbridge.broker.web.Pages;
import eu.mostbridge.broker.web.RandomTokens;
import eu.mostbridge.broker.web.SameOriginResubmit;
import eu.mostbridge.broker.web.Texts;
import eu.mostbridge.identity.CommonIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where each national eID answers: {@code /callback/<adapter id>}, the SAML assertion consumer
 * service (HTTP-POST) or the OIDC redirect URI (GET).
 *
 * <p>The answer's own correlation (the SAML Response's {@code InResponseTo}, the OIDC {@code
 * state}) finds the login waiting for it, so parallel logins in one browser each find theirs; the
 * login must belong to the browser that brings the answer; the adapter validates everything. An
 * answer that fails validation is refused to whoever brought it and leaves the login waiting: junk
 * posted at the callback from another site cannot end the citizen's login. A valid answer rotates
 * the login's key in the browser's binding cookie before anyone can see the citizen's data: a value
 * planted in the browser earlier (session fixation) does not open the consent page.
 *
 * <p>For a national eID that declares a {@link FailedAnswerLimit} (one whose unauthenticated CBC
 * ciphertexts could be a decryption oracle), every answer to a login takes one of its few numbers
 * before it is read and failed ones count against their source ({@link AnswerAdmission}): the login
 * ends at its last number, and a source's answers are refused unread once it has used up its own or
 * has too many under validation.
 *
 * <p>A SAML answer is a cross-site POST, on which browsers do not send the SameSite=Lax cookie.
 * Such a request is answered with a page that posts the same fields again from Most's own origin,
 * which carries the cookie: no SameSite=None cookie is needed.
 */
@Path("/callback/{adapter}")
public class NationalCallbackResource {
  private final Clock clock;

  /**
   * Longer than any request id or state Most makes: an answer naming a longer one finds nothing.
   */
  private static final int MAX_CORRELATION_LENGTH = 256;

  private final NationalEids eids;
  private final LoginFlowStore flows;
  private final BrowserCookies cookies;
  private final BrowserBoundLogins logins;
  private final LoginProgress progress;
  private final LoginErrors errors;
  private final IssuerUrl issuer;
  private final ErrorPages errorPages;
  private final SameOriginResubmit resubmit;
  private final ReleasedClaims claims;
  private final AuditLog audit;
  private final LoginMetrics metrics;
  private final AnswerAdmission failedAnswers;

  public NationalCallbackResource(
      NationalEids eids,
      LoginFlowStore flows,
      BrowserCookies cookies,
      BrowserBoundLogins logins,
      LoginProgress progress,
      LoginErrors errors,
      BrokerConfig config,
      ErrorPages errorPages,
      SameOriginResubmit resubmit,
      ReleasedClaims claims,
      AuditLog audit,
      LoginMetrics metrics,
      AnswerAdmission failedAnswers,
      Clock clock) {
    this.clock = clock;
    this.eids = eids;
    this.flows = flows;
    this.cookies = cookies;
    this.logins = logins;
    this.progress = progress;
    this.errors = errors;
    this.issuer = IssuerUrl.of(config);
    this.errorPages = errorPages;
    this.resubmit = resubmit;
    this.claims = claims;
    this.audit = audit;
    this.metrics = metrics;
    this.failedAnswers = failedAnswers;
  }

  @GET
  public Response redirected(
      @PathParam("adapter") String adapterId,
      @Context UriInfo uri,
      @Context HttpHeaders headers,
      @Context HttpServerRequest request,
      @HeaderParam("Accept-Language") String acceptLanguage) {
    return answer(
        adapterId, "GET", uri.getQueryParameters(), headers, source(request), acceptLanguage);
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response posted(
      @PathParam("adapter") String adapterId,
      MultivaluedMap<String, String> form,
      @Context HttpHeaders headers,
      @Context HttpServerRequest request,
      @HeaderParam("Accept-Language") String acceptLanguage) {
    Map<String, List<String>> fields = new LinkedHashMap<>(form);
    if (SameOriginResubmit.needed(cookies.read(headers), fields)
        && !eids.byCallback(adapterId).isEmpty()) {
      return resubmit.page(
          LoginTexts.of(Optional.empty(), acceptLanguage),
          issuer.resolve("/callback/" + adapterId).toString(),
          fields);
    }
    return answer(adapterId, "POST", fields, headers, source(request), acceptLanguage);
  }

  private static String source(HttpServerRequest request) {
    return request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress();
  }

  private Response answer(
      String callbackId,
      String method,
      Map<String, List<String>> parameters,
      HttpHeaders headers,
      String source,
      String acceptLanguage) {
    List<CountryAdapter> answering = eids.byCallback(callbackId);
    Texts anonymous = LoginTexts.of(Optional.empty(), acceptLanguage);
    if (answering.isEmpty()) {
      return errorPages.page(404, anonymous, "error.bad_request");
    }
    BrowserCookies.Presented cookie = cookies.read(headers);
    logins.refuseConflictingCookies(cookie, acceptLanguage);
    NationalAnswer answer = new NationalAnswer(method, parameters);
    // At an address several eIDs share (the eIDAS network), the login waiting for the answer's
    // correlation decides which one answered; its checks then hold the answer to that eID alone.
    Optional<CountryAdapter> adapter = Optional.of(answering.get(0));
    String correlation;
    try {
      correlation = correlationOf(answering, answer);
      if (correlation.isEmpty() || correlation.length() > MAX_CORRELATION_LENGTH) {
        throw new AuthenticationFailure(
            AuthenticationFailure.Reason.WRONG_PARTY, "The answer names no request Most made");
      }
    } catch (AuthenticationFailure unreadable) {
      return unsolicited(
          answering,
          callbackId,
          unreadable,
          cookie,
          eids.displayName(adapter.get().id(), anonymous.language()),
          anonymous);
    }
    Optional<Stored> waiting = Optional.empty();
    for (CountryAdapter candidate : answering) {
      waiting =
          flows
              .awaitingNationalAnswer(candidate.id(), correlation)
              .flatMap(progress::find)
              .filter(s -> awaits(s.flow(), candidate.id(), correlation));
      if (waiting.isPresent()) {
        adapter = Optional.of(candidate);
        break;
      }
    }
    String adapterId = adapter.get().id();
    String eidName = eids.displayName(adapterId, anonymous.language());
    if (waiting.isEmpty()) {
      return unsolicited(
          answering,
          callbackId,
          new AuthenticationFailure(
              AuthenticationFailure.Reason.WRONG_PARTY,
              "No login waits for an answer to this request"),
          cookie,
          eidName,
          anonymous);
    }
    Stored stored = waiting.get();
    LoginFlow flow = stored.flow();
    Optional<String> key = logins.keyOf(flow, cookie);
    if (key.isEmpty()) {
      // Someone else's browser brings the answer to this login: refused, the login waits on.
      audit.record(
          AuditEvent.of("login.foreign_browser")
              .with("flow", flow.id())
              .with("client", flow.requester().id())
              .with("national_eid", adapterId));
      return errorPages.page(
          403, LoginTexts.of(Optional.of(flow), acceptLanguage), "error.browser");
    }
    PendingAuthentication pending = flow.national().orElseThrow();
    Optional<FailedAnswerLimit> limit = adapter.get().failedAnswerLimit();
    int answerNumber = 0;
    if (limit.isPresent()) {
      // Decided before anything is decrypted, so that answers sent together are bounded too.
      AnswerAdmission.Admission admission =
          failedAnswers.admit(adapterId, pending.correlationId(), source, limit.get());
      if (admission instanceof AnswerAdmission.SourceRefused refused) {
        audit.record(
            AuditEvent.of("national.source_refused")
                .with("flow", flow.id())
                .with("client", flow.requester().id())
                .with("national_eid", adapterId)
                .with("busy", refused.busy())
                .with("failed_answers_per_source", limit.get().perSource())
                .with("window_seconds", limit.get().window().toSeconds()));
        return errors.pageInLogin(
            429,
            LoginTexts.of(Optional.of(flow), acceptLanguage),
            flow,
            "error.too_many_answers",
            true,
            flow.reference());
      }
      if (admission instanceof AnswerAdmission.LoginExhausted) {
        return answersExhausted(stored, adapter.get(), pending, limit.get(), acceptLanguage);
      }
      answerNumber = ((AnswerAdmission.Admitted) admission).slot();
    }
    Instant now = clock.instant();
    CommonIdentity identity;
    try {
      identity = adapter.get().complete(answer, pending);
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
      return failed(stored, adapter.get(), pending, failure, source, answerNumber, acceptLanguage);
    }
    // A new key before the citizen's data is on any page: whoever knew the old one (planted it in
    // this browser, or read it) cannot follow the login from here.
    String rotated = RandomTokens.next();
    Optional<LoginFlow> identified =
        progress.advance(
            stored,
            current ->
                current.national().filter(p -> p.equals(pending)).isPresent()
                        && current.browser().equals(flow.browser())
                    ? Optional.of(
                        current
                            .identified(identity, now)
                            .boundTo(BrowserBoundLogins.binding(rotated)))
                    : Optional.empty());
    if (identified.isEmpty()) {
      // A second valid answer to one request, racing the first: the first one won.
      return errors.alreadyEnded(flow, "national_answer", acceptLanguage);
    }
    // Only now is the wait for the answer forgotten: a replica dying before this leaves the login
    // waiting for the national eID's next answer, not lost.
    progress.forgetNationalRequest(flow);
    metrics.leg("national", Duration.between(flow.stepStarted(), now));
    audit.record(
        AuditEvent.of("national.completed")
            .with("flow", flow.id())
            .with("client", flow.requester().id())
            .with("national_eid", adapterId)
            .with("origin", identity.originCountry().alpha2())
            .with("level", identity.levelOfAssurance().uri())
            .with("relaxations", adapter.get().relaxations())
            .person(claims.auditHandle(identity)));
    return Pages.secured(Response.seeOther(issuer.resolve("/login/" + flow.id() + "/consent")))
        .cookie(cookies.replacing(cookie, key.get(), rotated))
        .build();
  }

  /** The bound on what one login's answers can ask of the decryption: the login ends. */
  private Response answersExhausted(
      Stored stored,
      CountryAdapter adapter,
      PendingAuthentication pending,
      FailedAnswerLimit limit,
      String acceptLanguage) {
    LoginFlow flow = stored.flow();
    if (!flows.takeNationalAnswer(adapter.id(), pending.correlationId(), flow.id())) {
      return errors.alreadyEnded(flow, "national_answer", acceptLanguage);
    }
    audit.record(
        AuditEvent.of("national.failed_answers_exhausted")
            .with("flow", flow.id())
            .with("client", flow.requester().id())
            .with("national_eid", adapter.id())
            .with("answers_per_login", limit.perLogin()));
    return errors.endRefused(
        stored,
        new LoginRefusal(
            LoginRefusal.Reason.ANSWERS_EXHAUSTED,
            "The national eID's answers to this login failed validation too often"),
        adapter.country().alpha2(),
        acceptLanguage);
  }

  /**
   * An answer that finds no login waiting for it: refused, and nothing else changes. It comes from
   * the eIDs answering at {@code answering}: named by the one eID, or by the shared address (the
   * eIDAS network) whose eIDs it could be from.
   */
  private Response unsolicited(
      List<CountryAdapter> answering,
      String callbackId,
      AuthenticationFailure why,
      BrowserCookies.Presented cookie,
      String eidName,
      Texts texts) {
    java.util.Set<String> relaxations = new java.util.TreeSet<>();
    answering.forEach(a -> relaxations.addAll(a.relaxations()));
    audit.record(
        AuditEvent.of("national.unsolicited")
            .with("national_eid", answering.size() == 1 ? answering.get(0).id() : callbackId)
            .with("reason", why.reason().name())
            .with("detail", why.getMessage())
            .with("relaxations", relaxations)
            .with("has_browser_cookie", cookie instanceof BrowserCookies.One));
    return errorPages.page(400, texts, "error.unsolicited", eidName);
  }

  /** The correlation the answer names, as the first of {@code answering} able to read it does. */
  private static String correlationOf(List<CountryAdapter> answering, NationalAnswer answer)
      throws AuthenticationFailure {
    AuthenticationFailure first = null;
    for (CountryAdapter candidate : answering) {
      try {
        return candidate.correlationOf(answer);
      } catch (AuthenticationFailure e) {
        if (e.reason() != AuthenticationFailure.Reason.NATIONAL_UNAVAILABLE) {
          // The answer itself is unreadable: reading it again for the next eID would only
          // multiply the work a stranger's junk costs.
          throw e;
        }
        if (first == null) {
          first = e;
        }
      }
    }
    throw first;
  }

  /** Whether {@code flow} still waits for {@code adapterId}'s answer to {@code correlation}. */
  private static boolean awaits(LoginFlow flow, String adapterId, String correlation) {
    return flow.identity().isEmpty()
        && flow.method().equals(Optional.of(adapterId))
        && flow.national().map(p -> p.correlationId().equals(correlation)).orElse(false);
  }

  private Response failed(
      Stored stored,
      CountryAdapter adapter,
      PendingAuthentication pending,
      AuthenticationFailure failure,
      String source,
      int answerNumber,
      String acceptLanguage) {
    LoginFlow flow = stored.flow();
    String reference = flow.reference();
    boolean outcome = failure.reason().decidedByNationalEid();
    Optional<FailedAnswerLimit> limit = adapter.failedAnswerLimit();
    boolean counted = !outcome && limit.isPresent();
    boolean sourceExhausted = counted && failedAnswers.failed(adapter.id(), source, limit.get());
    boolean loginExhausted = counted && answerNumber >= limit.get().perLogin();
    audit.record(
        AuditEvent.of("national.failed")
            .with("flow", flow.id())
            .with("client", flow.requester().id())
            .with("national_eid", adapter.id())
            .with("reason", failure.reason().name())
            .with("detail", failure.getMessage())
            .with("relaxations", adapter.relaxations())
            .with("login_waits_on", !outcome && !loginExhausted)
            .with("source_exhausted", sourceExhausted)
            .with("reference", reference));
    Texts texts = LoginTexts.of(Optional.of(flow), acceptLanguage);
    if (loginExhausted) {
      return answersExhausted(stored, adapter, pending, limit.get(), acceptLanguage);
    }
    if (!outcome) {
      // Not an answer the national eID stands behind: whoever brought it gets the error, the
      // login keeps waiting for the genuine answer (or the citizen chooses again).
      String key =
          switch (failure.reason()) {
            case EXPIRED, REPLAYED -> "error.late";
            case NATIONAL_UNAVAILABLE, STATE_UNAVAILABLE -> "error.unavailable";
            default -> "error.untrusted";
          };
      int status = key.equals("error.unavailable") ? 503 : 400;
      return errors.pageInLogin(status, texts, flow, key, true, reference);
    }
    if (!flows.takeNationalAnswer(adapter.id(), pending.correlationId(), flow.id())) {
      return errors.alreadyEnded(flow, "national_answer", acceptLanguage);
    }
    String origin = adapter.country().alpha2();
    if (failure.reason() == AuthenticationFailure.Reason.CANCELLED) {
      return errors.endRefused(
          stored,
          new LoginRefusal(
              LoginRefusal.Reason.CANCELLED_AT_NATIONAL_EID,
              "The citizen cancelled at the national eID"),
          origin,
          acceptLanguage);
    }
    boolean chooseAgain =
        failure.reason() == AuthenticationFailure.Reason.NATIONAL_ERROR
            || failure.reason() == AuthenticationFailure.Reason.INVALID_IDENTITY
            || failure.reason() == AuthenticationFailure.Reason.PLACEHOLDER_IDENTITY;
    if (!chooseAgain) {
      return errors.endRefused(
          stored,
          new LoginRefusal(
              LoginRefusal.Reason.LEVEL_NOT_REACHED,
              "The national eID did not reach the required level of assurance"),
          origin,
          acceptLanguage);
    }
    Optional<LoginFlow> again =
        progress.advance(
            stored,
            current ->
                current.national().filter(p -> p.equals(pending)).isPresent()
                    ? Optional.of(current.choosingAgain(clock.instant()))
                    : Optional.empty());
    if (again.isEmpty()) {
      return errors.alreadyEnded(flow, "national_answer", acceptLanguage);
    }
    String key =
        switch (failure.reason()) {
          case INVALID_IDENTITY -> "error.invalid_identity";
          case PLACEHOLDER_IDENTITY -> "error.placeholder_identity";
          default -> "error.national_error";
        };
    return errors.pageInLogin(400, texts, again.get(), key, true, reference);
  }
}
