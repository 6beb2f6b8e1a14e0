package eu.mostbridge.demo;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Vert.x request seen as a JDK {@link HttpExchange}, so the simulators (written for the JDK's
 * server, to stay free of any framework) run inside the broker's own HTTP server in the demo. The
 * body is buffered: simulator pages are small.
 */
final class BridgedExchange extends HttpExchange {
  private final RoutingContext context;
  private final Headers requestHeaders = new Headers();
  private final Headers responseHeaders = new Headers();
  private final Map<String, Object> attributes = new HashMap<>();
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();
  private InputStream requestBody;
  private OutputStream responseBody = body;
  private int status = -1;
  private boolean ended;

  BridgedExchange(RoutingContext context) {
    this.context = context;
    context.request().headers().forEach(h -> requestHeaders.add(h.getKey(), h.getValue()));
    Buffer received = context.body() == null ? null : context.body().buffer();
    this.requestBody =
        new ByteArrayInputStream(received == null ? new byte[0] : received.getBytes());
  }

  @Override
  public Headers getRequestHeaders() {
    return requestHeaders;
  }

  @Override
  public Headers getResponseHeaders() {
    return responseHeaders;
  }

  @Override
  public URI getRequestURI() {
    return URI.create(context.request().uri());
  }

  @Override
  public String getRequestMethod() {
    return context.request().method().name();
  }

  @Override
  public HttpContext getHttpContext() {
    throw new UnsupportedOperationException("The simulators do not use the JDK server's context");
  }

  @Override
  public void close() {
    if (ended) {
      return;
    }
    ended = true;
    HttpServerResponse response = context.response();
    response.setStatusCode(status < 0 ? 500 : status);
    responseHeaders.forEach(
        (name, values) -> response.putHeader(name, (Iterable<String>) List.copyOf(values)));
    response.end(Buffer.buffer(body.toByteArray()));
  }

  @Override
  public InputStream getRequestBody() {
    return requestBody;
  }

  @Override
  public OutputStream getResponseBody() {
    return new OutputStream() {
      @Override
      public void write(int b) throws java.io.IOException {
        responseBody.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws java.io.IOException {
        responseBody.write(b, off, len);
      }

      @Override
      public void close() {
        BridgedExchange.this.close();
      }
    };
  }

  @Override
  public void sendResponseHeaders(int code, long length) {
    this.status = code;
  }

  @Override
  public InetSocketAddress getRemoteAddress() {
    return InetSocketAddress.createUnresolved(context.request().remoteAddress().host(), 0);
  }

  @Override
  public int getResponseCode() {
    return status;
  }

  @Override
  public InetSocketAddress getLocalAddress() {
    return InetSocketAddress.createUnresolved(context.request().localAddress().host(), 0);
  }

  @Override
  public String getProtocol() {
    return context.request().version().alpnName().toUpperCase(java.util.Locale.ROOT);
  }

  @Override
  public Object getAttribute(String name) {
    return attributes.get(name);
  }

  @Override
  public void setAttribute(String name, Object value) {
    attributes.put(name, value);
  }

  @Override
  public void setStreams(InputStream input, OutputStream output) {
    if (input != null) {
      this.requestBody = input;
    }
    if (output != null) {
      this.responseBody = output;
    }
  }

  @Override
  public HttpPrincipal getPrincipal() {
    return null;
  }
}
