package eu.mostbridge.broker.login;

import eu.mostbridge.adapter.AuthenticationFailure;
import eu.mostbridge.adapter.AuthenticationRequest;
import eu.mostbridge.adapter.AuthenticationStart;
import eu.mostbridge.adapter.BrowserStep;
import eu.mostbridge.adapter.CountryAdapter;
import eu.mostbridge.broker.audit.AuditEvent;
import eu.mostbridge.broker.audit.AuditLog;
import eu.mostbridge.broker.audit.LoginMetrics;
import eu.mostbridge.broker.config.BrokerConfig;
import eu.mostbridge.broker.config.IssuerUrl;
import eu.mostbridge.broker.country.NationalEidRegistry;
import eu.mostbridge.broker.flow.BrowserBoundLogins;
import eu.mostbridge.broker.flow.LoginErrors;
import eu.mostbridge.broker.flow.LoginFlow;
import eu.mostbridge.broker.flow.LoginFlowStore;
import eu.mostbridge.broker.flow.LoginFlowStore.Stored;
import eu.mostbridge.broker.flow.LoginProgress;
import eu.mostbridge.broker.flow.LoginRefusal;
import eu.mostbridge.broker.flow.LoginTexts;
import eu.mostbridge.broker.flow.ReturnChannels;
import eu.mostbridge.broker.national.NationalEids;
import eu.mostbridge.broker.token.ReleasedClaims;
import eu.mostbridge.broker.web.BrowserCookies;
import eu.mostbridge.broker.web.Language;
import eu.mostbridge.broker.web.Pages;
import eu.mostbridge.broker.web.Texts;
import eu.mostbridge.identity.CommonIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The citizen's pages of one login: choose the national eID ({@code GET /login/{flow}}, {@code POST
 * /login/{flow}/method}), then consent ({@code GET|POST /login/{flow}/consent}). Cancel on any of
 * them returns {@code access_denied} to the relying party.
 */
@Path("/login/{flow}")
public class LoginResource {
  private final Clock clock;
  private final BrowserBoundLogins logins;
  private final LoginProgress progress;
  private final LoginErrors errors;
  private final IssuerUrl issuer;
  private final NationalEids eids;
  private final LoginFlowStore flows;
  private final ReleasedClaims claims;
  private final Pages pages;
  private final ReturnChannels channels;
  private final AuditLog audit;
  private final LoginMetrics metrics;
  private final BrowserCookies cookies;

  public LoginResource(
      BrowserBoundLogins logins,
      LoginProgress progress,
      LoginErrors errors,
      BrokerConfig config,
      NationalEids eids,
      LoginFlowStore flows,
      ReleasedClaims claims,
      Pages pages,
      ReturnChannels channels,
      AuditLog audit,
      LoginMetrics metrics,
      BrowserCookies cookies,
      Clock clock) {
    this.clock = clock;
    this.cookies = cookies;
    this.logins = logins;
    this.progress = progress;
    this.errors = errors;
    this.issuer = IssuerUrl.of(config);
    this.eids = eids;
    this.flows = flows;
    this.claims = claims;
    this.pages = pages;
    this.channels = channels;
    this.audit = audit;
    this.metrics = metrics;
  }

  /** The audit's {@code choice} of a national login started by the citizen's choice. */
  private static final String CITIZEN = "citizen";

  /** The audit's {@code choice} of a national login started as the only eID that fits. */
  private static final String ONLY_ONE_FITS = "only_one_fits";

  /** One country's national eIDs on the choice page. */
  public record MethodGroup(String country, List<Method> methods) {}

  /** One national eID on the choice page. */
  public record Method(String id, String label, boolean checked) {}

  /** One row of the consent page. */
  public record ClaimRow(String label, String value) {}

  /** A link to this page in another language, for the language switch. */
  public record LanguageLink(String code, String name, boolean current) {}

  private static final Map<String, String> LANGUAGE_NAMES =
      Map.of("bg", "Български", "mk", "Македонски", "en", "English");

  /**
   * The login, with the language chosen by {@code ?lang=} remembered when it is one we speak. The
   * change is written only over the version read: a switch racing the consent never brings back the
   * login the consent ended.
   */
  private LoginFlow withChosenLanguage(Stored stored, String lang, String acceptLanguage) {
    if (lang == null
        || !Language.SUPPORTED.contains(lang)
        || stored.flow().language().equals(Optional.of(lang))) {
      return stored.flow();
    }
    return progress
        .advance(stored, flow -> Optional.of(flow.speaking(lang)))
        .orElseThrow(
            () ->
                new jakarta.ws.rs.WebApplicationException(
                    errors.alreadyEnded(stored.flow(), "language", acceptLanguage)));
  }

  private static List<LanguageLink> languageLinks(Texts texts) {
    return Language.SUPPORTED.stream()
        .map(
            code -> new LanguageLink(code, LANGUAGE_NAMES.get(code), code.equals(texts.language())))
        .toList();
  }

  /**
   * The choice of national eID; skipped, as Keycloak's {@code kc_idp_hint} skips its login page,
   * when exactly one eID fits the request and the citizen has made no choice yet in this login
   * (after a failed answer, a reload shows the page) nor asked for the page ({@code ?choose=1}, the
   * language switch). A HEAD request never starts a national login.
   */
  @GET
  public Response choose(
      @PathParam("flow") String flowId,
      @Context HttpHeaders headers,
      @HeaderParam("Accept-Language") String acceptLanguage,
      @QueryParam("lang") String lang,
      @QueryParam("choose") String choose,
      @Context jakarta.ws.rs.core.Request request) {
    Stored stored = logins.load(flowId, cookies.read(headers), acceptLanguage);
    LoginFlow flow = withChosenLanguage(stored, lang, acceptLanguage);
    Texts texts = LoginTexts.of(Optional.of(flow), acceptLanguage);
    List<CountryAdapter> offered =
        eids.offering(flow.request().countries(), flow.request().minimumLevel());
    if (offered.size() == 1
        && HttpMethod.GET.equals(request.getMethod())
        && lang == null
        && choose == null
        && flow.method().isEmpty()
        && flow.identity().isEmpty()
        && flow.stepStarted().equals(flow.started())) {
      return startNational(stored, offered.get(0), texts, acceptLanguage, ONLY_ONE_FITS);
    }
    String service = flow.requester().name(texts.language());
    // One group per country of a national eID; the member states reached through the eIDAS
    // network together in one, each named by its country.
    Map<String, List<Method>> byGroup = new LinkedHashMap<>();
    for (CountryAdapter adapter : offered) {
      String group =
          adapter.fixedDestination().isPresent()
              ? texts.all().get("choose_eidas_network")
              : NationalEidRegistry.countryName(adapter.country(), texts.language());
      List<Method> methods = byGroup.computeIfAbsent(group, c -> new ArrayList<>());
      methods.add(
          new Method(
              adapter.id(),
              eids.displayName(adapter.id(), texts.language()),
              byGroup.size() == 1 && methods.isEmpty()));
    }
    List<MethodGroup> groups = new ArrayList<>();
    byGroup.forEach((group, methods) -> groups.add(new MethodGroup(group, methods)));
    Map<String, Object> data = new HashMap<>();
    data.put("title", texts.all().get("choose_title"));
    data.put("intro", texts.format("choose_intro", service));
    data.put(
        "none",
        texts.format(
            "choose_none",
            service,
            texts.all().get("level." + flow.request().minimumLevel().name())));
    data.put("back", texts.format("back_to_service", service));
    data.put("groups", groups);
    data.put("languages", languageLinks(texts));
    data.put("flow", flow.id());
    data.put("csrf", flow.csrf());
    return pages.render(200, "choose", texts, data);
  }

  @POST
  @Path("method")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response method(
      @PathParam("flow") String flowId,
      @Context HttpHeaders headers,
      @HeaderParam("Accept-Language") String acceptLanguage,
      @FormParam("csrf") String csrf,
      @FormParam("action") String action,
      @FormParam("method") String method) {
    Stored stored = logins.loadForForm(flowId, cookies.read(headers), csrf, acceptLanguage);
    LoginFlow flow = stored.flow();
    if ("cancel".equals(action)) {
      return errors.endRefused(
          stored,
          new LoginRefusal(LoginRefusal.Reason.CANCELLED, "The citizen cancelled the login"),
          "unknown",
          acceptLanguage);
    }
    if ("restart".equals(action)) {
      if (progress.advance(stored, f -> Optional.of(f.choosingAgain(clock.instant()))).isEmpty()) {
        return errors.alreadyEnded(flow, "restart", acceptLanguage);
      }
      progress.forgetNationalRequest(flow);
      return Pages.secured(Response.seeOther(issuer.resolve("/login/" + flow.id() + "?choose=1")))
          .build();
    }
    Optional<CountryAdapter> chosen =
        eids.offering(flow.request().countries(), flow.request().minimumLevel()).stream()
            .filter(a -> a.id().equals(method))
            .findFirst();
    Texts texts = LoginTexts.of(Optional.of(flow), acceptLanguage);
    if (chosen.isEmpty()) {
      audit.record(
          AuditEvent.of("national.refused_choice")
              .with("flow", flow.id())
              .with("client", flow.requester().id()));
      return errors.pageInLogin(400, texts, flow, "error.bad_request", true, flow.reference());
    }
    return startNational(stored, chosen.get(), texts, acceptLanguage, CITIZEN);
  }

  /**
   * Sends the browser to the national eID {@code adapter}, chosen by the citizen or, {@code choice}
   * says, the only one that fits.
   */
  private Response startNational(
      Stored stored, CountryAdapter adapter, Texts texts, String acceptLanguage, String choice) {
    LoginFlow flow = stored.flow();
    Instant now = clock.instant();
    AuthenticationStart start;
    try {
      start =
          adapter.start(
              new AuthenticationRequest(
                  flow.request().minimumLevel(),
                  eids.destinationFor(adapter),
                  issuer.resolve("/callback/" + adapter.callbackId()),
                  Locale.forLanguageTag(texts.language()),
                  flow.request().forceLogin(),
                  // eIDAS RequesterID: the relying party's stable id, not its display name.
                  Optional.of(flow.requester().id())));
    } catch (AuthenticationFailure e) {
      return errors.endRefused(
          stored,
          new LoginRefusal(
              LoginRefusal.Reason.LEVEL_NOT_REACHED,
              "The national eID cannot reach the required level"),
          adapter.country().alpha2(),
          acceptLanguage);
    }
    flows.awaitNationalAnswer(
        adapter.id(), start.pending().correlationId(), flow.id(), progress.timeLeft(flow));
    // A step that raced with this one (the citizen's second click, another tab of this login)
    // may have moved the login on: the citizen's latest choice waits, earlier ones are forgotten.
    // A start without a choice never replaces one already made (a reload racing the first load).
    boolean skipped = !CITIZEN.equals(choice);
    java.util.concurrent.atomic.AtomicReference<LoginFlow> replaced =
        new java.util.concurrent.atomic.AtomicReference<>(flow);
    Optional<LoginFlow> awaiting =
        progress.advance(
            stored,
            current -> {
              replaced.set(current);
              return current.identity().isPresent() || (skipped && current.method().isPresent())
                  ? Optional.empty()
                  : Optional.of(current.awaiting(adapter.id(), start.pending(), now));
            });
    if (awaiting.isEmpty()) {
      progress.forgetNationalRequest(flow.awaiting(adapter.id(), start.pending(), now));
      if (skipped && replaced.get().identity().isEmpty()) {
        return Pages.secured(Response.seeOther(issuer.resolve("/login/" + flow.id() + "?choose=1")))
            .build();
      }
      return errors.alreadyEnded(flow, "method", acceptLanguage);
    }
    progress.forgetNationalRequest(replaced.get());
    audit.record(
        AuditEvent.of("national.started")
            .with("flow", flow.id())
            .with("client", flow.requester().id())
            .with("national_eid", adapter.id())
            .with("choice", choice)
            .with("requested_level", start.pending().requestedLevel().uri())
            .with("relaxations", adapter.relaxations()));
    return browserStep(start.step(), texts);
  }

  private Response browserStep(BrowserStep step, Texts texts) {
    if (step instanceof BrowserStep.Redirect redirect) {
      return Pages.secured(Response.seeOther(redirect.target())).build();
    }
    BrowserStep.FormPost post = (BrowserStep.FormPost) step;
    Map<String, Object> data = new HashMap<>();
    data.put("title", texts.all().get("post_title"));
    data.put("action", post.target().toString());
    data.put("fields", post.fields().entrySet());
    return pages.render(200, "post", texts, data);
  }

  @GET
  @Path("consent")
  public Response consent(
      @PathParam("flow") String flowId,
      @Context HttpHeaders headers,
      @HeaderParam("Accept-Language") String acceptLanguage,
      @QueryParam("lang") String lang) {
    LoginFlow flow =
        withChosenLanguage(
            logins.load(flowId, cookies.read(headers), acceptLanguage), lang, acceptLanguage);
    Texts texts = LoginTexts.of(Optional.of(flow), acceptLanguage);
    if (flow.identity().isEmpty()) {
      return Pages.secured(Response.seeOther(issuer.resolve("/login/" + flow.id()))).build();
    }
    CommonIdentity identity = flow.identity().get();
    String service = flow.requester().name(texts.language());
    List<ClaimRow> rows = new ArrayList<>();
    claims
        .personal(identity, flow.requester())
        .forEach(
            (claim, value) ->
                rows.add(
                    new ClaimRow(
                        texts.all().getOrDefault("claim." + claim, claim),
                        "gender".equals(claim)
                            ? texts.all().getOrDefault("gender." + value, String.valueOf(value))
                            : String.valueOf(value))));
    rows.add(
        new ClaimRow(
            texts.all().get("claim.acr"),
            texts.all().get("level." + identity.levelOfAssurance().name())));
    Map<String, Object> data = new HashMap<>();
    data.put("title", texts.all().get("consent_title"));
    data.put(
        "intro",
        texts.format(
            "consent_intro",
            service,
            flow.method().map(id -> eids.displayName(id, texts.language())).orElse("")));
    data.put(
        "identifierNote",
        switch (flow.requester().identifierPolicy()) {
          case NATIONAL_NUMBER -> texts.all().get("consent_national_number");
          case PSEUDONYM ->
              flow.requester()
                  .pseudonymHolder(texts.language())
                  .map(holder -> texts.format("consent_pseudonym", holder))
                  .orElseGet(() -> texts.all().get("consent_pseudonym_shared"));
        });
    data.put("rows", rows);
    data.put("languages", languageLinks(texts));
    data.put("flow", flow.id());
    data.put("csrf", flow.csrf());
    return pages.render(200, "consent", texts, data);
  }

  @POST
  @Path("consent")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response decide(
      @PathParam("flow") String flowId,
      @Context HttpHeaders headers,
      @HeaderParam("Accept-Language") String acceptLanguage,
      @FormParam("csrf") String csrf,
      @FormParam("action") String action) {
    Stored stored = logins.loadForForm(flowId, cookies.read(headers), csrf, acceptLanguage);
    if (stored.flow().identity().isEmpty()) {
      return Pages.secured(Response.seeOther(issuer.resolve("/login/" + flowId))).build();
    }
    String origin = stored.flow().identity().get().originCountry().alpha2();
    if (!"allow".equals(action)) {
      audit.record(
          AuditEvent.of("consent.refused")
              .with("flow", stored.flow().id())
              .with("client", stored.flow().requester().id())
              .person(claims.auditHandle(stored.flow().identity().get())));
      return errors.endRefused(
          stored,
          new LoginRefusal(LoginRefusal.Reason.CONSENT_REFUSED, "The citizen did not consent"),
          origin,
          acceptLanguage);
    }
    // What the login hands out (a code) is stored before the login ends and shown only after: a
    // replica dying in between leaves the login to consent to again, never one ended without its
    // answer. Of two submits, one ends it; the other's answer is never shown and expires.
    LoginFlow flow = stored.flow();
    CommonIdentity identity = flow.identity().get();
    Optional<LoginRefusal> unanswerable = channels.refusalOf(flow, identity);
    if (unanswerable.isPresent()) {
      return errors.endRefused(stored, unanswerable.get(), origin, acceptLanguage);
    }
    Instant now = clock.instant();
    Response answer = channels.prepare(flow, identity, flow.method().orElseThrow());
    if (progress.end(stored).isEmpty()) {
      return errors.alreadyEnded(flow, "consent", acceptLanguage);
    }
    metrics.leg("consent", Duration.between(flow.stepStarted(), now));
    metrics.login(
        origin,
        flow.requester().id(),
        identity.levelOfAssurance().name().toLowerCase(Locale.ROOT),
        "success");
    audit.record(
        AuditEvent.of("consent.given")
            .with("flow", flow.id())
            .with("client", flow.requester().id())
            .with("national_eid", flow.method().orElseThrow())
            .with("level", identity.levelOfAssurance().uri())
            .with("origin", origin)
            .person(claims.auditHandle(identity)));
    channels.delivered(flow, identity);
    return answer;
  }
}
