package eu.mostbridge.broker.flow;

import com.nimbusds.oauth2.sdk.ErrorObject;
import eu.mostbridge.broker.audit.AuditEvent;
import eu.mostbridge.broker.audit.AuditLog;
import eu.mostbridge.broker.audit.LoginMetrics;
import eu.mostbridge.broker.config.BrokerConfig;
import eu.mostbridge.broker.config.IssuerUrl;
import eu.mostbridge.broker.flow.LoginFlowStore.Stored;
import eu.mostbridge.broker.web.BrowserCookies;
import eu.mostbridge.broker.web.ErrorPages;
import eu.mostbridge.broker.web.Language;
import eu.mostbridge.broker.web.Pages;
import eu.mostbridge.broker.web.SecretKeys;
import eu.mostbridge.broker.web.Texts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * What every step of a login does first and last: load the login and check that it belongs to this
 * browser (and, for forms, that the CSRF token matches), move it a step on without undoing a step
 * that raced with it, render error pages, and end a login towards the relying party with an error.
 */
@ApplicationScoped
public class LoginSteps {
  private final Clock clock;
  private static final Logger LOG = Logger.getLogger(LoginSteps.class);

  /** How often a step re-reads a login another step changed under it before it gives up. */
  private static final int ATTEMPTS = 4;

  private final LoginFlowStore flows;
  private final BrowserCookies cookies;
  private final BrokerConfig config;
  private final IssuerUrl issuer;
  private final Pages pages;
  private final ErrorPages errorPages;
  private final ClientReturn clientReturn;
  private final AuditLog audit;
  private final LoginMetrics metrics;

  public LoginSteps(
      LoginFlowStore flows,
      BrowserCookies cookies,
      BrokerConfig config,
      Pages pages,
      ErrorPages errorPages,
      ClientReturn clientReturn,
      AuditLog audit,
      LoginMetrics metrics,
      Clock clock) {
    this.clock = clock;
    this.flows = flows;
    this.cookies = cookies;
    this.config = config;
    this.issuer = IssuerUrl.of(config);
    this.pages = pages;
    this.errorPages = errorPages;
    this.clientReturn = clientReturn;
    this.audit = audit;
    this.metrics = metrics;
  }

  /**
   * The texts in the login's language: the one the citizen chose on a page, else {@code
   * ui_locales}, else Accept-Language, else English.
   */
  public Texts texts(Optional<LoginFlow> flow, String acceptLanguage) {
    Optional<String> chosen = flow.flatMap(LoginFlow::language);
    return Texts.of(
        chosen.isPresent()
            ? chosen.get()
            : Language.choose(flow.flatMap(f -> f.request().uiLocale()), acceptLanguage));
  }

  /** The login {@code flowId} as stored, if it exists and has not passed its own expiry. */
  public Optional<Stored> find(String flowId) {
    // Its own expiry too: a copy re-written by Infinispan's conflict resolution has a new lifespan.
    return (flowId == null ? Optional.<Stored>empty() : flows.find(flowId))
        .filter(s -> clock.instant().isBefore(s.flow().expiresAt(config.lifetimes().login())));
  }

  /**
   * The login {@code flowId} of this browser.
   *
   * @throws WebApplicationException with the error page when the request carries two binding
   *     cookies, or the login is unknown, expired, or another browser's
   */
  public Stored load(String flowId, BrowserCookies.Presented cookie, String acceptLanguage) {
    refuseConflictingCookies(cookie, acceptLanguage);
    Optional<Stored> stored = find(flowId);
    if (stored.isEmpty()) {
      audit.record(AuditEvent.of("login.unknown").with("outcome", "expired_or_unknown"));
      throw new WebApplicationException(
          errorPages.page(400, texts(Optional.empty(), acceptLanguage), "error.expired"));
    }
    LoginFlow flow = stored.get().flow();
    if (!ofThisBrowser(flow, cookie)) {
      audit.record(
          AuditEvent.of("login.foreign_browser")
              .with("flow", flow.id())
              .with("client", flow.request().client().id()));
      throw new WebApplicationException(
          errorPages.page(403, texts(Optional.of(flow), acceptLanguage), "error.browser"));
    }
    return stored.get();
  }

  /** As {@link #load}, and the form's CSRF token must be the login's. */
  public Stored loadForForm(
      String flowId, BrowserCookies.Presented cookie, String csrf, String acceptLanguage) {
    Stored stored = load(flowId, cookie, acceptLanguage);
    LoginFlow flow = stored.flow();
    if (csrf == null || !constantTimeEquals(csrf, flow.csrf())) {
      audit.record(
          AuditEvent.of("login.csrf_refused")
              .with("flow", flow.id())
              .with("client", flow.request().client().id()));
      throw new WebApplicationException(
          errorPages.page(403, texts(Optional.of(flow), acceptLanguage), "error.bad_request"));
    }
    return stored;
  }

  /**
   * Refuses a request carrying two binding cookies: one of them was set by someone else (another
   * domain or path), and picking either would let them choose which browser this is.
   *
   * @throws WebApplicationException with the error page
   */
  public void refuseConflictingCookies(BrowserCookies.Presented cookie, String acceptLanguage) {
    if (cookie instanceof BrowserCookies.Several several) {
      audit.record(
          AuditEvent.of("login.cookie_conflict")
              .with("cookie", cookies.name())
              .with("count", several.count()));
      throw new WebApplicationException(
          errorPages.page(400, texts(Optional.empty(), acceptLanguage), "error.cookies"));
    }
  }

  /** Whether {@code cookie} holds the key of {@code flow}: the login is this browser's. */
  public boolean ofThisBrowser(LoginFlow flow, BrowserCookies.Presented cookie) {
    return keyOf(flow, cookie).isPresent();
  }

  /** The key of {@code flow} among those {@code cookie} holds. */
  public Optional<String> keyOf(LoginFlow flow, BrowserCookies.Presented cookie) {
    return cookie.keys().stream()
        .filter(key -> constantTimeEquals(SecretKeys.of(key), flow.browser()))
        .findFirst();
  }

  /** What a login keeps of the key {@code key} that binds it to a browser: its SHA-256. */
  public static String binding(String key) {
    return SecretKeys.of(key);
  }

  /** Refuses a new login with the state's 503 when this replica holds its bound of them. */
  public void admitNewLogin() {
    flows.admitNewLogin();
  }

  /** Stores a login that has just begun. */
  public void create(LoginFlow flow) {
    flows.create(flow, timeLeft(flow));
  }

  /**
   * Moves the login a step on: {@code step} turns the login as stored into its next version, or
   * refuses (empty) when the login is no longer at a step it applies to. Written only over the
   * version it was made from; when another request changed the login meanwhile, the login is read
   * again and {@code step} applied to what is there now.
   *
   * @return the login as written, or empty when it is gone (ended by another step, expired) or
   *     {@code step} refused it
   */
  public Optional<LoginFlow> advance(Stored stored, Function<LoginFlow, Optional<LoginFlow>> step) {
    Stored current = stored;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Optional<LoginFlow> next = step.apply(current.flow());
      if (next.isEmpty()) {
        return Optional.empty();
      }
      if (flows.replace(current, next.get(), timeLeft(next.get()))) {
        return next;
      }
      Optional<Stored> again = find(current.flow().id());
      if (again.isEmpty() || !again.get().flow().browser().equals(current.flow().browser())) {
        return Optional.empty();
      }
      current = again.get();
    }
    return Optional.empty();
  }

  /**
   * Ends the login, once ({@link LoginFlowStore#end}): of two ends, on any replicas, and also
   * against a stale copy a healed split brings back, one wins. What the ending hands out must be
   * stored before and shown only when this is not empty.
   *
   * @return the login as it was ended, or empty when it was ended before
   */
  public Optional<LoginFlow> end(Stored stored) {
    if (!flows.end(stored, stored.flow().expiresAt(config.lifetimes().login()))) {
      return Optional.empty();
    }
    forgetNationalRequest(stored.flow());
    return Optional.of(stored.flow());
  }

  /**
   * Forgets the national request {@code flow} awaits the answer to, if any: the citizen chose again
   * or the login ended, and an answer to it now finds nothing.
   */
  public void forgetNationalRequest(LoginFlow flow) {
    flow.national()
        .ifPresent(
            pending -> {
              try {
                var unused =
                    flows.takeNationalAnswer(
                        pending.adapterId(), pending.correlationId(), flow.id());
              } catch (StateUnavailableException e) {
                // What the login did stands; an answer to the request finds no login waiting.
                LOG.debugf("A national request stays until it expires: %s", e.getMessage());
              }
            });
  }

  /** The time left until {@code flow} expires, at least a second. */
  public Duration timeLeft(LoginFlow flow) {
    Duration left = Duration.between(clock.instant(), flow.expiresAt(config.lifetimes().login()));
    return left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left;
  }

  /**
   * The page for a step that found its login already ended by another (a second submit, a race with
   * another tab): audited, since the citizen may ask the help desk why.
   */
  public Response alreadyEnded(LoginFlow flow, String step, String acceptLanguage) {
    audit.record(
        AuditEvent.of("login.already_ended")
            .with("flow", flow.id())
            .with("client", flow.request().client().id())
            .with("step", step));
    return errorPages.page(400, texts(Optional.of(flow), acceptLanguage), "error.expired");
  }

  /**
   * Ends the login with {@code error} to the relying party (once: the login is taken from the
   * store, so a second submit finds nothing).
   */
  public Response endWithError(
      Stored stored, ErrorObject error, String origin, String acceptLanguage) {
    Optional<LoginFlow> ended = end(stored);
    if (ended.isEmpty()) {
      return alreadyEnded(stored.flow(), "end_with_error", acceptLanguage);
    }
    LoginFlow flow = ended.get();
    audit.record(
        AuditEvent.of("login.ended")
            .with("flow", flow.id())
            .with("client", flow.request().client().id())
            .with("outcome", error.getCode())
            .with("description", error.getDescription()));
    metrics.login(
        origin,
        flow.request().client().id(),
        flow.request().minimumLevel().name().toLowerCase(Locale.ROOT),
        error.getCode());
    return clientReturn.error(flow.request().redirectUri(), flow.request().state(), error);
  }

  /**
   * An error page inside a login that may go on: a way back to the relying party ({@code
   * access_denied}) and, when {@code retry}, to choosing another national eID.
   */
  public Response errorPageInLogin(
      int status, Texts texts, LoginFlow flow, String messageKey, boolean retry, String reference) {
    Map<String, Object> data = new HashMap<>();
    data.put("title", texts.all().get("error_title"));
    data.put("message", texts.format(messageKey));
    data.put("flow", flow.id());
    data.put("csrf", flow.csrf());
    data.put("retry", retry);
    data.put(
        "back", texts.format("back_to_service", flow.request().client().name(texts.language())));
    data.put("reference", texts.format("error_reference", reference));
    return pages.render(status, "error", texts, data);
  }

  /**
   * The absolute URL of {@code path} under the issuer (what the browser sees, proxies included).
   */
  public java.net.URI url(String path) {
    return issuer.resolve(path);
  }

  static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
