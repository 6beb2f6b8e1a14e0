package eu.mostbridge.trust.web;

import eu.mostbridge.trust.audit.AuditLog;
import eu.mostbridge.trust.config.TrustConfig;
import io.quarkus.qute.Engine;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A body announced larger than the upload limit is answered 413 before it is read, with a message
 * the sender can use (JSON for the API, a page in the reader's language for people) and an audit
 * event. A body without a length that grows past Vert.x's own limit is cut by Vert.x with a bare
 * 413; a body that does not parse is answered by {@link FrameworkRefusals}.
 */
@ApplicationScoped
public class UploadLimit {
  private final long limit;
  private final long jsonLimit;
  private final AuditLog audit;
  private final Engine engine;

  public UploadLimit(TrustConfig config, AuditLog audit, Engine engine) {
    this.limit = config.validation().maxUploadMegabytes() * 1024L * 1024L;
    this.jsonLimit = config.validation().maxJsonMegabytes() * 1024L * 1024L;
    this.audit = audit;
    this.engine = engine;
  }

  void install(@Observes Router router) {
    router.route().order(-100).handler(this::check);
  }

  private void check(RoutingContext context) {
    String length = context.request().getHeader("Content-Length");
    long announced;
    try {
      announced = length == null ? -1 : Long.parseLong(length.strip());
    } catch (NumberFormatException e) {
      announced = -1;
    }
    String type = String.valueOf(context.request().getHeader("Content-Type"));
    long allowed = type.startsWith("application/json") ? jsonLimit : limit;
    if (announced <= allowed) {
      context.next();
      return;
    }
    tooLarge(context, announced, allowed);
  }

  private void tooLarge(RoutingContext context, long size, long allowed) {
    boolean api = context.normalizedPath().startsWith("/validation/");
    Map<String, Object> fields = new HashMap<>();
    fields.put("front", api ? "api" : "page");
    fields.put("refusal", "too_large");
    fields.put("size", size);
    audit.record("validation_refused", fields);
    long megabytes = allowed / (1024 * 1024);
    String description = "The body is larger than the limit of " + megabytes + " MiB.";
    String body;
    String type;
    if (api) {
      type = "application/json";
      body = "{\"error\":\"too_large\",\"error_description\":\"" + description + "\"}";
    } else {
      Texts t =
          Texts.choose(
              Optional.ofNullable(context.request().getParam("lang")),
              context.request().getHeader("Accept-Language"));
      Map<String, Object> data = ValidationPage.common(t, false, megabytes);
      data.put("message", t.format("error_too_large", megabytes));
      type = "text/html;charset=utf-8";
      body = engine.getTemplate("refused").data(data).render();
    }
    context
        .response()
        .setStatusCode(413)
        .putHeader("Content-Type", type)
        .putHeader("Connection", "close")
        .putHeader("Cache-Control", "no-store")
        .putHeader("Content-Security-Policy", ValidationPage.CSP)
        .putHeader("X-Content-Type-Options", "nosniff")
        .end(body);
  }
}
