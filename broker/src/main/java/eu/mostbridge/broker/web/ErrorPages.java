package eu.mostbridge.broker.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;

/**
 * The citizen's error page outside a login that may go on: a title and one message in the citizen's
 * language, no way back (the pages of a login that may go on are {@code flow.LoginErrors}').
 */
@ApplicationScoped
public class ErrorPages {
  private final Pages pages;

  public ErrorPages(Pages pages) {
    this.pages = pages;
  }

  /** An error page with the text {@code messageKey}, formatted with {@code arguments}. */
  public Response page(int status, Texts texts, String messageKey, Object... arguments) {
    Map<String, Object> data = new HashMap<>();
    data.put("title", texts.all().get("error_title"));
    data.put("message", texts.format(messageKey, arguments));
    data.put("flow", null);
    data.put("reference", null);
    return pages.render(status, "error", texts, data);
  }
}
