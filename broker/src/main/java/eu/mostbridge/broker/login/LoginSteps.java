package eu.mostbridge.broker.login;

import com.nimbusds.oauth2.sdk.ErrorObject;
import eu.mostbridge.broker.audit.AuditEvent;
import eu.mostbridge.broker.audit.AuditLog;
import eu.mostbridge.broker.audit.LoginMetrics;
import eu.mostbridge.broker.config.BrokerConfig;
import eu.mostbridge.broker.flow.LoginFlow;
import eu.mostbridge.broker.flow.LoginFlowStore;
import eu.mostbridge.broker.state.SecretKeys;
import eu.mostbridge.broker.web.BrowserCookie;
import eu.mostbridge.broker.web.Language;
import eu.mostbridge.broker.web.Pages;
import eu.mostbridge.broker.web.Texts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What every step of a login does first and last: load the login and check that it belongs to this
 * browser (and, for forms, that the CSRF token matches), render error pages, and end a login
 * towards the relying party with an error.
 */
@ApplicationScoped
public class LoginSteps {
  private final LoginFlowStore flows;
  private final BrokerConfig config;
  private final Pages pages;
  private final ClientReturn clientReturn;
  private final AuditLog audit;
  private final LoginMetrics metrics;

  public LoginSteps(
      LoginFlowStore flows,
      BrokerConfig config,
      Pages pages,
      ClientReturn clientReturn,
      AuditLog audit,
      LoginMetrics metrics) {
    this.flows = flows;
    this.config = config;
    this.pages = pages;
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

  /**
   * The login {@code flowId} of this browser.
   *
   * @throws WebApplicationException with the error page when it is unknown, expired, or another
   *     browser's
   */
  public LoginFlow load(String flowId, String browser, String acceptLanguage) {
    // Its own expiry too: a copy re-written by Infinispan's conflict resolution has a new lifespan.
    Optional<LoginFlow> flow =
        (flowId == null ? Optional.<LoginFlow>empty() : flows.find(flowId))
            .filter(f -> Instant.now().isBefore(f.expiresAt(config.lifetimes().login())));
    if (flow.isEmpty()) {
      audit.record(AuditEvent.of("login.unknown").with("outcome", "expired_or_unknown"));
      throw new WebApplicationException(
          errorPage(400, texts(Optional.empty(), acceptLanguage), "error.expired"));
    }
    if (browser == null || !constantTimeEquals(SecretKeys.of(browser), flow.get().browser())) {
      audit.record(
          AuditEvent.of("login.foreign_browser")
              .with("flow", flow.get().id())
              .with("client", flow.get().request().client().id()));
      throw new WebApplicationException(
          errorPage(403, texts(flow, acceptLanguage), "error.browser"));
    }
    return flow.get();
  }

  /** As {@link #load}, and the form's CSRF token must be the login's. */
  public LoginFlow loadForForm(String flowId, String browser, String csrf, String acceptLanguage) {
    LoginFlow flow = load(flowId, browser, acceptLanguage);
    if (csrf == null || !constantTimeEquals(csrf, flow.csrf())) {
      audit.record(
          AuditEvent.of("login.csrf_refused")
              .with("flow", flow.id())
              .with("client", flow.request().client().id()));
      throw new WebApplicationException(
          errorPage(403, texts(Optional.of(flow), acceptLanguage), "error.bad_request"));
    }
    return flow;
  }

  /** Refuses a new login with the state's 503 when this replica holds its bound of them. */
  public void admitNewLogin() {
    flows.admitNewLogin();
  }

  public void save(LoginFlow flow) {
    Duration left = Duration.between(Instant.now(), flow.expiresAt(config.lifetimes().login()));
    flows.save(flow, left.isNegative() || left.isZero() ? Duration.ofSeconds(1) : left);
  }

  /** The time left until {@code flow} expires, at least a second. */
  public Duration timeLeft(LoginFlow flow) {
    Duration left = Duration.between(Instant.now(), flow.expiresAt(config.lifetimes().login()));
    return left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left;
  }

  /**
   * Ends the login with {@code error} to the relying party (once: the login is taken from the
   * store, so a second submit finds nothing).
   */
  public Response endWithError(
      LoginFlow flow, ErrorObject error, String origin, String acceptLanguage) {
    if (flows.take(flow.id()).isEmpty()) {
      return errorPage(400, texts(Optional.of(flow), acceptLanguage), "error.expired");
    }
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

  /** An error page with the text {@code messageKey}, without a way back. */
  public Response errorPage(int status, Texts texts, String messageKey, Object... arguments) {
    Map<String, Object> data = new HashMap<>();
    data.put("title", texts.all().get("error_title"));
    data.put("message", texts.format(messageKey, arguments));
    data.put("flow", null);
    data.put("reference", null);
    return pages.render(status, "error", texts, data);
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

  /** A new browser cookie, when the browser has none (or a malformed one). */
  public Optional<String> newBrowserIfNeeded(String browser) {
    return BrowserCookie.valid(browser) ? Optional.empty() : Optional.of(BrowserCookie.newValue());
  }

  /**
   * The absolute URL of {@code path} under the issuer (what the browser sees, proxies included).
   */
  public java.net.URI url(String path) {
    return java.net.URI.create(config.issuer().toString().replaceAll("/+$", "") + path);
  }

  public boolean secureCookies() {
    return "https".equals(config.issuer().getScheme());
  }

  static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
