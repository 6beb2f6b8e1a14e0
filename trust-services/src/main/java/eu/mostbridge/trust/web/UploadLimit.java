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
 * event; so is what Vert.x itself refuses while reading a body.
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
    router.route().order(-100).failureHandler(this::failed);
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
    refuse(context, 413, "too_large", announced, allowed);
  }

  /**
   * What Vert.x refuses while reading a body (one sent without a length past the limit, a multipart
   * body that does not parse, more parts than it reads) answered like the rest: a message and an
   * audit event, not an empty body or a 500.
   */
  private void failed(RoutingContext context) {
    String path = context.normalizedPath();
    boolean ours = path.startsWith("/validation/") || path.equals("/check");
    if (!ours || context.response().headWritten()) {
      context.next();
      return;
    }
    if (context.statusCode() == 413) {
      refuse(context, 413, "too_large", -1, limit);
    } else if (unreadableBody(context.failure())) {
      refuse(context, 400, "invalid_request", -1, limit);
    } else {
      context.next();
    }
  }

  private static boolean unreadableBody(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String type = t.getClass().getName();
      String message = String.valueOf(t.getMessage());
      if (type.contains("Decoder") || type.contains("Multipart") || message.contains("limit")) {
        return true;
      }
    }
    return false;
  }

  private void refuse(RoutingContext context, int status, String code, long size, long allowed) {
    boolean api = context.normalizedPath().startsWith("/validation/");
    Map<String, Object> fields = new HashMap<>();
    fields.put("front", api ? "api" : "page");
    fields.put("refusal", code);
    if (size >= 0) {
      fields.put("size", size);
    }
    audit.record("validation_refused", fields);
    long megabytes = allowed / (1024 * 1024);
    String description =
        status == 413
            ? "The body is larger than the limit of " + megabytes + " MiB."
            : "The multipart body could not be read (its boundary, its parts or their number).";
    String body;
    String type;
    if (api) {
      type = "application/json";
      body = "{\"error\":\"" + code + "\",\"error_description\":\"" + description + "\"}";
    } else {
      Texts t =
          Texts.choose(
              Optional.ofNullable(context.request().getParam("lang")),
              context.request().getHeader("Accept-Language"));
      Map<String, Object> data = ValidationPage.common(t, false, megabytes);
      data.put("message", t.format("error_" + code, megabytes));
      type = "text/html;charset=utf-8";
      body = engine.getTemplate("refused").data(data).render();
    }
    context
        .response()
        .setStatusCode(status)
        .putHeader("Content-Type", type)
        .putHeader("Connection", "close")
        .putHeader("Cache-Control", "no-store")
        .putHeader("Content-Security-Policy", ValidationPage.CSP)
        .putHeader("X-Content-Type-Options", "nosniff")
        .end(body);
  }
}
