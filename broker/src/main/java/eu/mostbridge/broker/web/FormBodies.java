package eu.mostbridge.broker.web;

import eu.mostbridge.broker.config.BrokerConfig;
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
 * Reads every posted form (the token and PAR requests, the citizen's choices, national answers,
 * logout) whole on the event loop, before its endpoint runs on a worker thread, over HTTP/1.1 and
 * HTTP/2 alike: a client trickling its body, or opening many HTTP/2 streams whose bodies never
 * come, holds connections and streams, never worker threads.
 *
 * <p>Without this, Quarkus REST hands a blocking endpoint's request to a worker thread first and
 * the worker then waits for the body, chunk by chunk, on a monitor the event loop notifies: on one
 * CPU that hand-over cost about a fifth of the broker's CPU per login (docs/BENCHMARKS.md), and a
 * slow client held a worker for as long as it liked. Buffered here, the body reaches Quarkus REST
 * as the routing context's body (which it reads instead of the connection).
 *
 * <p>Only the bytes are buffered: the form is still decoded where it was before (Quarkus REST's
 * form parser, or the OAuth endpoints' own), so malformed encodings get the same answers. Bodies
 * are limited per endpoint: a national answer (a SAML Response with its encrypted assertion) up to
 * {@code quarkus.http.limits.max-body-size}, every other form up to {@code
 * most.http.form-body-size}; a larger body gets 413 and its connection (or HTTP/2 stream) is
 * closed.
 *
 * <p>Quarkus REST pauses the request it starts on, and an HTTP/2 stream refuses a pause once its
 * end has been read. An HTTP/2 form therefore must state its Content-Length (411 otherwise, as
 * browsers and HTTP clients always do for a form) and is handed on as its last byte arrives, before
 * the stream's end is delivered.
 */
@ApplicationScoped
public class FormBodies {
  private static final String FORM = "application/x-www-form-urlencoded";
  private static final String NATIONAL_ANSWERS = "/callback/";

  void install(
      @Observes Router router,
      @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize answerLimit,
      BrokerConfig config) {
    long answerBytes = answerLimit.asLongValue();
    long formBytes = Math.min(config.http().formBodySize().asLongValue(), answerBytes);
    router
        .route()
        .order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT)
        .handler(
            context ->
                buffer(
                    context,
                    context.normalizedPath().startsWith(NATIONAL_ANSWERS)
                        ? answerBytes
                        : formBytes));
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
        || request.isEnded()) {
      context.next();
      return;
    }
    boolean http2 = request.version() == HttpVersion.HTTP_2;
    long declared = declaredLength(request);
    if (declared > maxBytes) {
      refuse(context, 413);
      return;
    }
    if (http2 && declared < 0) {
      refuse(context, 411);
      return;
    }
    if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
      // What Quarkus REST's own body reader did: a client waiting for it sends the body now.
      request.response().writeContinue();
    }
    Buffer body = Buffer.buffer();
    boolean[] handedOn = {false};
    Runnable handOn =
        () -> {
          handedOn[0] = true;
          context.setBody(body);
          context.next();
        };
    request
        .handler(
            chunk -> {
              if (context.failed() || handedOn[0]) {
                return;
              }
              if (body.length() + (long) chunk.length() > maxBytes
                  || (declared >= 0 && body.length() + (long) chunk.length() > declared)) {
                refuse(context, 413);
                return;
              }
              body.appendBuffer(chunk);
              if (http2 && body.length() == declared) {
                handOn.run();
              }
            })
        .endHandler(
            end -> {
              if (context.failed() || handedOn[0]) {
                return;
              }
              if (declared >= 0 && body.length() != declared) {
                refuse(context, 400);
                return;
              }
              handOn.run();
            })
        .resume();
    if (http2 && declared == 0) {
      handOn.run();
    }
  }

  /** The Content-Length the client declared, or -1 when it declared none (or nonsense). */
  private static long declaredLength(HttpServerRequest request) {
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length == null) {
      return -1;
    }
    try {
      return Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Answers {@code status} and closes what the rest of the body would come on. */
  private static void refuse(RoutingContext context, int status) {
    HttpServerRequest request = context.request();
    if (request.version() == HttpVersion.HTTP_2) {
      // The stream alone: other streams of the connection are other requests.
      context.addEndHandler(done -> request.response().reset());
    } else {
      context.response().putHeader(HttpHeaders.CONNECTION, "close");
      context.addEndHandler(done -> request.connection().close());
    }
    context.fail(status);
  }
}
