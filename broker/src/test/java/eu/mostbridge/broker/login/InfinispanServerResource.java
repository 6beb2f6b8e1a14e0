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

  /** The user Most authenticates as on a {@link #SECURED} server, and its password. */
  static final String USER = "most";

  static final String PASSWORD = "synthetic-test-password";

  /** The init argument that starts the server as production runs it: TLS and SCRAM-SHA-512. */
  static final String SECURED = "secured";

  private static volatile Process server;
  private static volatile int port;
  private static volatile List<String> security = List.of();
  private static volatile Path trustStore;
  private boolean secured;

  @Override
  public void init(Map<String, String> initArgs) {
    secured = Boolean.parseBoolean(initArgs.getOrDefault(SECURED, "false"));
  }

  @Override
  public Map<String, String> start() {
    try {
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      security = secured ? keys() : List.of();
      startServer();
      if (secured) {
        return Map.of(
            "most.state.mode",
            "remote",
            "most.state.remote.servers",
            "127.0.0.1:" + port,
            "most.state.remote.username",
            USER,
            "most.state.remote.password",
            PASSWORD,
            "most.state.remote.trust-store",
            trustStore.toString(),
            "most.state.remote.trust-store-password",
            "changeit",
            "most.state.remote.cache-mode",
            "local");
      }
      return Map.of(
          "most.state.mode", "remote",
          "most.state.remote.servers", "127.0.0.1:" + port,
          "most.state.remote.allow-plaintext", "true",
          "most.state.remote.cache-mode", "local");
    } catch (IOException e) {
      throw new IllegalStateException("The Hot Rod test server did not start", e);
    }
  }

  /**
   * The server's TLS key (a certificate for 127.0.0.1, made by the JDK's keytool) and the trust
   * store with its certificate, for Most; the server's arguments that use them.
   */
  private static List<String> keys() throws IOException {
    Path dir = Files.createTempDirectory(FIXTURE.toAbsolutePath(), "tls-");
    Path keyStore = dir.resolve("server.p12");
    Path certificate = dir.resolve("server.crt");
    trustStore = dir.resolve("trust.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    keytool(
        keytool,
        "-genkeypair",
        "-alias",
        "server",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=127.0.0.1",
        "-ext",
        "san=ip:127.0.0.1,dns:localhost",
        "-validity",
        "2",
        "-keystore",
        keyStore.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        "changeit");
    keytool(
        keytool,
        "-exportcert",
        "-alias",
        "server",
        "-keystore",
        keyStore.toString(),
        "-storepass",
        "changeit",
        "-file",
        certificate.toString());
    keytool(
        keytool,
        "-importcert",
        "-noprompt",
        "-alias",
        "server",
        "-file",
        certificate.toString(),
        "-keystore",
        trustStore.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        "changeit");
    return List.of(keyStore.toString(), "changeit", USER, PASSWORD);
  }

  private static void keytool(String... command) throws IOException {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new IOException("keytool failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /** The trust store with the secured server's certificate. */
  static Path trustStore() {
    return trustStore;
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
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                FIXTURE.resolve("lib").toAbsolutePath() + "/*:" + jar.toAbsolutePath(),
                "eu.mostbridge.testserver.HotRodTestServer",
                String.valueOf(port),
                FIXTURE.resolve("hotrod-state-" + port).toAbsolutePath().toString()));
    command.addAll(security);
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
