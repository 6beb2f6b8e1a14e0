package eu.mostbridge.simulator.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Reading requests and writing pages with the JDK server. */
public final class Exchanges {
  private static final int MAX_BODY = 256 * 1024;

  private Exchanges() {}

  /** The request body as text, refused beyond 256 KiB. */
  public static String body(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readNBytes(MAX_BODY + 1);
      if (bytes.length > MAX_BODY) {
        throw new IOException("Request body too large");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /**
   * A simulator bug, said plainly on a 500 page rather than by dropping the connection (these are
   * test stand-ins, not Most: the exception's text helps whoever is debugging a test).
   */
  public static void internalError(HttpExchange exchange, String simulator, RuntimeException e)
      throws IOException {
    html(
        exchange,
        500,
        Html.page(
            "en", simulator + ": internal error", "<p>" + Html.escape(String.valueOf(e)) + "</p>"));
  }

  public static void html(HttpExchange exchange, int status, String html) throws IOException {
    byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
