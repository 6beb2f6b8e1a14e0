package eu.mostbridge.broker.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The page that posts a cross-site form again from Most's own origin. Browsers do not send the
 * SameSite=Lax binding cookie with a POST from another site (a national eID's SAML answer, a
 * connector's AuthnRequest); posted again from Most's page, it carries the cookie, and a login
 * started or continued there keeps the keys of the browser's other logins. No SameSite=None cookie
 * is needed.
 */
@ApplicationScoped
public class SameOriginResubmit {
  /** The field marking a form already posted again, so it is posted again only once. */
  public static final String MARKER = "most_resubmitted";

  private final Pages pages;

  public SameOriginResubmit(Pages pages) {
    this.pages = pages;
  }

  /**
   * Whether {@code fields}, posted without the binding cookie, must be posted again; removes the
   * marker from them in any case.
   */
  public static boolean needed(BrowserCookies.Presented cookie, Map<String, List<String>> fields) {
    boolean resubmitted = fields.remove(MARKER) != null;
    return cookie instanceof BrowserCookies.None && !resubmitted;
  }

  /** The page that posts {@code fields} (and the marker) to {@code action}. */
  public Response page(Texts texts, String action, Map<String, List<String>> fields) {
    List<Map.Entry<String, String>> again = new ArrayList<>();
    fields.forEach((name, values) -> values.forEach(v -> again.add(Map.entry(name, v))));
    again.add(Map.entry(MARKER, "1"));
    Map<String, Object> data = new HashMap<>();
    data.put("title", texts.all().get("post_title"));
    data.put("action", action);
    data.put("fields", again);
    return pages.render(200, "post", texts, data);
  }

  /** The page that posts a SAML message to a peer, as the HTTP-POST binding does. */
  public Response toPeer(Texts texts, String action, Map<String, String> fields) {
    List<Map.Entry<String, String>> entries = new ArrayList<>(fields.entrySet());
    Map<String, Object> data = new HashMap<>();
    data.put("title", texts.all().get("post_title"));
    data.put("action", action);
    data.put("fields", entries);
    return pages.render(200, "post", texts, data);
  }
}
