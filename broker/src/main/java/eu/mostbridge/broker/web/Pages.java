package eu.mostbridge.broker.web;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;

/**
 * Renders the citizen-facing Qute templates (under {@code templates/}) with the texts of the page's
 * language and the headers every page carries: no caching, no framing (clickjacking), no referrer
 * (the URL may carry a flow id), and a Content-Security-Policy that allows only the broker's own
 * style sheet and script. {@code form-action} is deliberately absent: Chrome applies it to the
 * redirects that follow a form post, and those go to the national eIDs and the relying parties.
 */
@ApplicationScoped
public class Pages {
  static final String CSP =
      "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self';"
          + " frame-ancestors 'none'; base-uri 'none'";

  private final Engine engine;

  public Pages(Engine engine) {
    this.engine = engine;
  }

  /** The page {@code template} in {@code texts}' language, with {@code data} and the texts. */
  public Response render(int status, String template, Texts texts, Map<String, Object> data) {
    Template page = engine.getTemplate(template);
    if (page == null) {
      throw new IllegalStateException("No template " + template);
    }
    Map<String, Object> all = new HashMap<>(data);
    all.put("t", texts.all());
    all.put("lang", texts.language());
    return secured(Response.status(status))
        .type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
        .entity(page.data(all).render())
        .build();
  }

  /** The headers every page and redirect of the login carries. */
  public static Response.ResponseBuilder secured(Response.ResponseBuilder builder) {
    return builder
        .header("Cache-Control", "no-store")
        .header("Pragma", "no-cache")
        .header("Content-Security-Policy", CSP)
        .header("X-Frame-Options", "DENY")
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "no-referrer");
  }
}
