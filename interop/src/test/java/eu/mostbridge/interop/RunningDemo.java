package eu.mostbridge.interop;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged demo (the README's main command) in a process of its own, on free ports, with
 * settings given as system properties, as an operator would start it. Its output goes to a file in
 * {@code target/}, which the log scan reads.
 */
public final class RunningDemo implements AutoCloseable {
  private final Process process;
  private final int port;

  private RunningDemo(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts the demo with {@code properties} and waits until it is ready.
   *
   * @param log the file, under {@code target/}, its output goes to
   */
  public static RunningDemo start(String log, Map<String, String> properties)
      throws IOException, InterruptedException {
    int port = freePort();
    int management = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx384m");
    command.add("-Dquarkus.http.port=" + port);
    command.add("-Dquarkus.management.port=" + management);
    properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-jar");
    command.add(Path.of(System.getProperty("most.demo.jar")).toString());
    Path output = Path.of("target", log);
    Files.createDirectories(output.getParent());
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    RunningDemo demo = new RunningDemo(process, port);
    HttpClient http = HttpClient.newHttpClient();
    Instant deadline = Instant.now().plusSeconds(90);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("The demo exited: " + Files.readString(output));
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
          return demo;
        }
      } catch (IOException notYet) {
        // starting
      }
      Thread.sleep(250);
    }
    demo.close();
    throw new IllegalStateException("The demo was not ready in 90 s: " + Files.readString(output));
  }

  public int port() {
    return port;
  }

  /** Its issuer, {@code http://localhost:<port>}: the base of every URL it publishes. */
  public String base() {
    return "http://localhost:" + port;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
