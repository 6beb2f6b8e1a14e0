package eu.mostbridge.broker.login;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Hot Rod server (Infinispan's own, module infinispan-test-server) in a process of its own,
 * started before the broker and pointed at by {@code most.state.mode=remote}.
 */
public class InfinispanServerResource implements QuarkusTestResourceLifecycleManager {
  private static final Path FIXTURE = Path.of("..", "infinispan-test-server", "target");

  private static volatile Process server;
  private static volatile int port;

  @Override
  public Map<String, String> start() {
    try {
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      startServer();
      return Map.of(
          "most.state.mode", "remote",
          "most.state.remote.servers", "127.0.0.1:" + port,
          "most.state.remote.allow-plaintext", "true",
          "most.state.remote.cache-mode", "local");
    } catch (IOException e) {
      throw new IllegalStateException("The Hot Rod test server did not start", e);
    }
  }

  /** Starts the server on the same port again (after {@link #kill()}); its caches start empty. */
  static void startServer() throws IOException {
    Path jar;
    try (var files = Files.list(FIXTURE)) {
      jar =
          files
              .filter(p -> p.getFileName().toString().endsWith(".jar"))
              .findFirst()
              .orElseThrow(() -> new IOException("Build module infinispan-test-server first"));
    }
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-cp",
            FIXTURE.resolve("lib").toAbsolutePath() + "/*:" + jar.toAbsolutePath(),
            "eu.mostbridge.testserver.HotRodTestServer",
            String.valueOf(port),
            FIXTURE.resolve("hotrod-state-" + port).toAbsolutePath().toString());
    Process started =
        new ProcessBuilder(command)
            .redirectError(FIXTURE.resolve("hotrod-server.log").toFile())
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (line == null || !line.startsWith("READY")) {
      started.destroyForcibly();
      throw new IOException("The Hot Rod test server said " + line);
    }
    server = started;
  }

  /** SIGKILL: the server is gone without a word, as when its host dies. */
  static void kill() throws InterruptedException {
    server.destroyForcibly();
    server.waitFor(10, TimeUnit.SECONDS);
  }

  static int port() {
    return port;
  }

  @Override
  public void stop() {
    if (server != null) {
      server.destroyForcibly();
    }
  }
}
