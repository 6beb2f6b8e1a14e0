package eu.mostbridge.broker.web;

import eu.mostbridge.broker.audit.AuditEvent;
import eu.mostbridge.broker.audit.AuditLog;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.VertxException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The public port speaks HTTP/1.1 in clear, never cleartext HTTP/2 (h2c, by upgrade or prior
 * knowledge). Browsers never use h2c, an Ingress forwards HTTP/1.1 to its backends, and h2c would
 * let one client connection carry many concurrent requests past the proxies that count connections.
 * HTTP/2 stays available where Most itself terminates TLS (ALPN), with the concurrent streams of a
 * connection bounded by {@code quarkus.http.limits.max-concurrent-streams}.
 */
@ApplicationScoped
public class PublicPort implements HttpServerOptionsCustomizer {
  @Override
  public void customizeHttpServer(HttpServerOptions options) {
    options.setHttp2ClearTextEnabled(false);
  }

  /**
   * A request Vert.x refuses before any route sees it (a client speaking HTTP/2 to the cleartext
   * port anyway, whose preface reads as {@code PRI * HTTP/2.0}; an HTTP/1.x request without Host)
   * gets a plain 400 and a closed connection, and an audit event: not Quarkus' error page with an
   * error id and an ERROR log line that any client could make.
   */
  void answerMalformedRequests(@Observes Router router, AuditLog audit) {
    router
        .route()
        .order(Integer.MIN_VALUE)
        .failureHandler(
            context -> {
              if (!(context.failure() instanceof VertxException refused)
                  || context.statusCode() < 400
                  || context.statusCode() > 499) {
                context.next();
                return;
              }
              audit.record(
                  AuditEvent.of("http.refused")
                      .with("status", context.statusCode())
                      .with("reason", refused.getMessage()));
              HttpServerRequest request = context.request();
              request
                  .response()
                  .setStatusCode(context.statusCode())
                  .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                  .putHeader(HttpHeaders.CONNECTION, "close")
                  .end("Bad request\n")
                  .onComplete(done -> request.connection().close());
            });
  }
}
