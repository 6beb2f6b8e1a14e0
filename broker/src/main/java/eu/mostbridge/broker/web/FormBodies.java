package eu.mostbridge.broker.web;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads every posted form (the token and PAR requests, the citizen's choices, SAML answers, logout)
 * whole on the event loop, before its endpoint runs on a worker thread.
 *
 * <p>Without this, Quarkus REST hands a blocking endpoint's request to a worker thread first and
 * the worker then waits for the body, chunk by chunk, on a monitor the event loop notifies: on one
 * CPU that hand-over cost about a fifth of the broker's CPU per login (docs/BENCHMARKS.md), and a
 * client trickling its body held a worker thread for as long as it liked. Buffered here, the body
 * reaches Quarkus REST as the routing context's body (which it reads instead of the connection) and
 * a slow client holds only its connection.
 *
 * <p>Only the bytes are buffered: the form is still decoded where it was before (Quarkus REST's
 * form parser, or the OAuth endpoints' own), so malformed encodings get the same answers. A body
 * over {@code quarkus.http.limits.max-body-size} gets 413 here, as it did from Quarkus.
 */
@ApplicationScoped
public class FormBodies {
  private static final String FORM = "application/x-www-form-urlencoded";

  void install(
      @Observes Router router,
      @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) {
    long maxBytes = limit.asLongValue();
    router
        .route()
        .order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT)
        .handler(context -> buffer(context, maxBytes));
  }

  // RoutingContext.setBody is deprecated in favour of Vert.x's BodyHandler, which would also decode
  // the form itself (different answers to malformed forms); Quarkus REST (on Vert.x 4.5) reads
  // exactly this body. Vert.x 5 drops it: revisit with the Quarkus upgrade that brings Vert.x 5.
  @SuppressWarnings("deprecation")
  private static void buffer(RoutingContext context, long maxBytes) {
    HttpServerRequest request = context.request();
    String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
    if (!HttpMethod.POST.equals(request.method())
        || type == null
        || !type.regionMatches(true, 0, FORM, 0, FORM.length())
        || context.body().buffer() != null
        || request.isEnded()
        // Quarkus REST pauses the request it starts on, and an HTTP/2 stream refuses a pause once
        // its body has been read: HTTP/2 forms (h2c from a client, not what an Ingress forwards)
        // keep Quarkus REST's own reading.
        || request.version() == HttpVersion.HTTP_2) {
      context.next();
      return;
    }
    if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
      // What Quarkus REST's own body reader did: a client waiting for it sends the body now.
      request.response().writeContinue();
    }
    Buffer body = Buffer.buffer();
    request
        .handler(
            chunk -> {
              if (context.failed()) {
                return;
              }
              if (body.length() + (long) chunk.length() > maxBytes) {
                // The rest of the body is not worth reading: answer, then close the connection.
                context.response().putHeader(HttpHeaders.CONNECTION, "close");
                context.addEndHandler(done -> request.connection().close());
                context.fail(413);
                return;
              }
              body.appendBuffer(chunk);
            })
        .endHandler(
            end -> {
              if (!context.failed()) {
                context.setBody(body);
                context.next();
              }
            })
        .resume();
  }
}
