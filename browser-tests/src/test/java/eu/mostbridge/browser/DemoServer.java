package eu.mostbridge.browser;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The README's main job: the packaged demo ({@code demo/target/quarkus-app}, the simulators inside)
 * as a process.
 */
final class DemoServer implements AutoCloseable {
  /** Everything the demo process writes. */
  static final Path LOG = Path.of("target", "demo.log");

  private final Process process;
  private final int port;
  private final int managementPort;

  private DemoServer(Process process, int port, int managementPort) {
    this.process = process;
    this.port = port;
    this.managementPort = managementPort;
  }

  static DemoServer start() throws Exception {
    Path jar = Path.of(System.getProperty("most.demo.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " is missing: package the demo first (./mvnw -B -q package -DskipTests)");
    }
    int port = freePort();
    int management = freePort();
    Path log = LOG;
    Files.createDirectories(log.getParent());
    Process process =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m",
                    "-Dquarkus.http.port=" + port,
                    "-Dquarkus.management.port=" + management,
                    // The national eIDs on another site than Most (127.0.0.1 vs localhost), as in
                    // reality: their SAML answers are cross-site POSTs.
                    "-Dmost.demo.simulators-url=http://127.0.0.1:" + port,
                    "-jar",
                    jar.toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    DemoServer server = new DemoServer(process, port, management);
    HttpClient http = HttpClient.newHttpClient();
    Instant deadline = Instant.now().plusSeconds(90);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("The demo exited; see " + log.toAbsolutePath());
      }
      try {
        HttpResponse<Void> ready =
            http.send(
                HttpRequest.newBuilder(
                        URI.create("http://localhost:" + management + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (ready.statusCode() == 200) {
          return server;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    server.close();
    throw new IllegalStateException("The demo was not ready in 90 s");
  }

  int port() {
    return port;
  }

  int managementPort() {
    return managementPort;
  }

  /** {@code http://localhost:<port>}, the demo's issuer. */
  String base() {
    return "http://localhost:" + port;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
