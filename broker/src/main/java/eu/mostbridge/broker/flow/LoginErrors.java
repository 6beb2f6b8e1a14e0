package eu.mostbridge.broker.flow;

import eu.mostbridge.broker.audit.AuditEvent;
import eu.mostbridge.broker.audit.AuditLog;
import eu.mostbridge.broker.audit.LoginMetrics;
import eu.mostbridge.broker.flow.LoginFlowStore.Stored;
import eu.mostbridge.broker.web.ErrorPages;
import eu.mostbridge.broker.web.Pages;
import eu.mostbridge.broker.web.Texts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How a login that goes wrong answers: a page from which it may go on, a page for a step that came
 * too late, or its end with a refusal, answered through the login's return channel.
 */
@ApplicationScoped
public class LoginErrors {
  private final LoginProgress progress;
  private final Pages pages;
  private final ErrorPages errorPages;
  private final ReturnChannels channels;
  private final AuditLog audit;
  private final LoginMetrics metrics;

  public LoginErrors(
      LoginProgress progress,
      Pages pages,
      ErrorPages errorPages,
      ReturnChannels channels,
      AuditLog audit,
      LoginMetrics metrics) {
    this.progress = progress;
    this.pages = pages;
    this.errorPages = errorPages;
    this.channels = channels;
    this.audit = audit;
    this.metrics = metrics;
  }

  /**
   * The page for a step that found its login already ended by another (a second submit, a race with
   * another tab): audited, since the citizen may ask the help desk why.
   */
  public Response alreadyEnded(LoginFlow flow, String step, String acceptLanguage) {
    audit.record(
        AuditEvent.of("login.already_ended")
            .with("flow", flow.id())
            .with("client", flow.requester().id())
            .with("step", step));
    return errorPages.page(400, LoginTexts.of(Optional.of(flow), acceptLanguage), "error.expired");
  }

  /**
   * Ends the login with {@code refusal}, answered to whoever asked through the login's channel
   * (once: the login is taken from the store, so a second submit finds nothing).
   */
  public Response endRefused(
      Stored stored, LoginRefusal refusal, String origin, String acceptLanguage) {
    Optional<LoginFlow> ended = progress.end(stored);
    if (ended.isEmpty()) {
      return alreadyEnded(stored.flow(), "end_with_error", acceptLanguage);
    }
    LoginFlow flow = ended.get();
    audit.record(
        AuditEvent.of("login.ended")
            .with("flow", flow.id())
            .with("client", flow.requester().id())
            .with("outcome", refusal.reason().outcome())
            .with("description", refusal.description()));
    metrics.login(
        origin,
        flow.requester().id(),
        flow.request().minimumLevel().name().toLowerCase(Locale.ROOT),
        refusal.reason().outcome());
    return channels.refuse(flow, refusal);
  }

  /**
   * An error page inside a login that may go on: a way back to the relying party ({@code
   * access_denied}) and, when {@code retry}, to choosing another national eID.
   */
  public Response pageInLogin(
      int status, Texts texts, LoginFlow flow, String messageKey, boolean retry, String reference) {
    Map<String, Object> data = new HashMap<>();
    data.put("title", texts.all().get("error_title"));
    data.put("message", texts.format(messageKey));
    data.put("flow", flow.id());
    data.put("csrf", flow.csrf());
    data.put("retry", retry);
    data.put("back", texts.format("back_to_service", flow.requester().name(texts.language())));
    data.put("reference", texts.format("error_reference", reference));
    return pages.render(status, "error", texts, data);
  }
}
