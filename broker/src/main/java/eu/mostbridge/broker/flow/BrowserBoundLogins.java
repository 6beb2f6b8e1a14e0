package eu.mostbridge.broker.flow;

import eu.mostbridge.broker.audit.AuditEvent;
import eu.mostbridge.broker.audit.AuditLog;
import eu.mostbridge.broker.flow.LoginFlowStore.Stored;
import eu.mostbridge.broker.web.BrowserCookies;
import eu.mostbridge.broker.web.ErrorPages;
import eu.mostbridge.broker.web.SecretKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * A login as the browser that began it may reach it: bound to a key in that browser's cookie and,
 * for a form, to the login's CSRF token. Every refusal is an error page and an audit event.
 */
@ApplicationScoped
public class BrowserBoundLogins {
  private final LoginProgress progress;
  private final BrowserCookies cookies;
  private final ErrorPages errorPages;
  private final AuditLog audit;
  private final java.time.Clock clock;

  public BrowserBoundLogins(
      LoginProgress progress,
      BrowserCookies cookies,
      ErrorPages errorPages,
      AuditLog audit,
      java.time.Clock clock) {
    this.progress = progress;
    this.cookies = cookies;
    this.errorPages = errorPages;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * A login begun for this browser, and the binding cookie the answer must set.
   *
   * @param flow the login, stored
   * @param cookie the browser's binding cookie with the login's key added
   */
  public record Begun(LoginFlow flow, jakarta.ws.rs.core.NewCookie cookie) {}

  /**
   * Begins a login for the browser of {@code headers}, whichever front asked: admitted (or refused
   * with 503 when this replica holds too many), stored, bound to a fresh key the cookie will carry
   * beside the keys of the browser's other logins.
   *
   * @throws WebApplicationException with the error page when the request carries two binding
   *     cookies, or no login can be admitted now
   */
  public Begun begin(
      jakarta.ws.rs.core.HttpHeaders headers,
      LoginRequest request,
      ReturnChannel channel,
      String acceptLanguage) {
    BrowserCookies.Presented cookie = cookies.read(headers);
    refuseConflictingCookies(cookie, acceptLanguage);
    progress.admitNewLogin();
    String key = eu.mostbridge.broker.web.RandomTokens.next();
    LoginFlow flow =
        LoginFlow.start(
            eu.mostbridge.broker.web.RandomTokens.next(),
            binding(key),
            request,
            channel,
            eu.mostbridge.broker.web.RandomTokens.next(),
            clock.instant());
    progress.create(flow);
    return new Begun(flow, cookies.adding(cookie, key));
  }

  /**
   * The login {@code flowId} of this browser.
   *
   * @throws WebApplicationException with the error page when the request carries two binding
   *     cookies, or the login is unknown, expired, or another browser's
   */
  public Stored load(String flowId, BrowserCookies.Presented cookie, String acceptLanguage) {
    refuseConflictingCookies(cookie, acceptLanguage);
    Optional<Stored> stored = progress.find(flowId);
    if (stored.isEmpty()) {
      audit.record(AuditEvent.of("login.unknown").with("outcome", "expired_or_unknown"));
      throw new WebApplicationException(
          errorPages.page(400, LoginTexts.of(Optional.empty(), acceptLanguage), "error.expired"));
    }
    LoginFlow flow = stored.get().flow();
    if (!ofThisBrowser(flow, cookie)) {
      audit.record(
          AuditEvent.of("login.foreign_browser")
              .with("flow", flow.id())
              .with("client", flow.requester().id()));
      throw new WebApplicationException(
          errorPages.page(403, LoginTexts.of(Optional.of(flow), acceptLanguage), "error.browser"));
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
              .with("client", flow.requester().id()));
      throw new WebApplicationException(
          errorPages.page(
              403, LoginTexts.of(Optional.of(flow), acceptLanguage), "error.bad_request"));
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
          errorPages.page(400, LoginTexts.of(Optional.empty(), acceptLanguage), "error.cookies"));
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

  static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
