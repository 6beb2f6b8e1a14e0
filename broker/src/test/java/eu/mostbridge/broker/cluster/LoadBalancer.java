package eu.mostbridge.broker.cluster;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;

/**
 * The test's Ingress: terminates TLS for the issuer {@code https://localhost:<port>} and sends each
 * request to the next replica in turn, with no session affinity. A replica that refuses the
 * connection (killed) is skipped, as a load balancer's health check would; a test may pin the next
 * requests to one replica.
 */
final class LoadBalancer implements AutoCloseable {
  /** Headers the JDK client sets itself, or that describe one hop only. */
  private static final Set<String> HOP_HEADERS =
      Set.of("host", "connection", "content-length", "expect", "upgrade", "transfer-encoding");

  private final HttpsServer server;
  private final List<BrokerNode> nodes;
  private final HttpClient upstream =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private final AtomicLong turn = new AtomicLong();
  private final Map<String, AtomicInteger> served = new ConcurrentHashMap<>();
  private volatile BrokerNode pinned;

  LoadBalancer(SSLContext tls, List<BrokerNode> nodes) throws IOException {
    this.nodes = nodes;
    this.server =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext("/", this::forward);
    server.start();
  }

  URI issuer() {
    return URI.create("https://localhost:" + server.getAddress().getPort());
  }

  /** Sends every request to {@code node} until {@link #roundRobin()}. */
  void pin(BrokerNode node) {
    this.pinned = node;
  }

  void roundRobin() {
    this.pinned = null;
  }

  /** How many requests each replica answered since the last call. */
  Map<String, Integer> servedAndReset() {
    Map<String, Integer> counts = new java.util.TreeMap<>();
    served.forEach((name, count) -> counts.put(name, count.getAndSet(0)));
    counts.values().removeIf(c -> c == 0);
    return counts;
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      HttpResponse<byte[]> response = null;
      BrokerNode answered = null;
      for (int attempt = 0; attempt < nodes.size() && response == null; attempt++) {
        BrokerNode node =
            pinned != null ? pinned : nodes.get((int) (turn.getAndIncrement() % nodes.size()));
        try {
          response =
              upstream.send(request(exchange, node, body), HttpResponse.BodyHandlers.ofByteArray());
          answered = node;
        } catch (ConnectException | HttpConnectTimeoutException e) {
          if (pinned != null) {
            break; // a pinned replica that is down is the test's own doing: answer 502
          }
        } catch (IOException e) {
          break; // the replica died during the request: not retried, as it may have acted
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      if (response == null) {
        exchange.sendResponseHeaders(502, -1);
        return;
      }
      served.computeIfAbsent(answered.name(), n -> new AtomicInteger()).incrementAndGet();
      response
          .headers()
          .map()
          .forEach(
              (name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                  exchange.getResponseHeaders().put(name, values);
                }
              });
      byte[] answer = response.body();
      exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    }
  }

  private static HttpRequest request(HttpExchange exchange, BrokerNode node, byte[] body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(node.base().resolve(exchange.getRequestURI().toString()))
            .timeout(Duration.ofSeconds(20))
            .method(
                exchange.getRequestMethod(),
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
              }
            });
    return request.build();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
