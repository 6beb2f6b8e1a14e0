package eu.mostbridge.broker.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One replica of the broker: the packaged application ({@code quarkus-run.jar}, as the container
 * image runs it) in its own JVM, with its own HTTP and JGroups ports on 127.0.0.1.
 */
final class BrokerNode {
  private static final Pattern MEMBERS = Pattern.compile("\"cluster-members\"\\s*:\\s*(\\d+)");
  private static final Pattern SETTLED = Pattern.compile("\"rebalancing\"\\s*:\\s*false");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private final String name;
  private final int httpPort;
  private final int jgroupsPort;
  private final int managementPort;
  private final Path log;
  private List<String> settings = List.of();
  private Process process;

  BrokerNode(String name, Path logDirectory) throws IOException {
    this.name = name;
    int base = nextFreeBlock();
    this.httpPort = base;
    this.managementPort = base + 1;
    this.jgroupsPort = base + 2; // its failure detector: base + 102, in no other node's block
    this.log = logDirectory.resolve(name + ".log");
    Files.deleteIfExists(log); // restarts append to it; an earlier run's lines must not count
  }

  /**
   * Ports come in blocks of {@value #BLOCK} below the kernel's ephemeral range, so that no port of
   * one node (JGroups' failure detector listens on its port + 100) is another node's or an outgoing
   * connection's.
   */
  private static final int BLOCK = 5;

  private static final AtomicInteger NEXT =
      new AtomicInteger(20_000 + BLOCK * new SecureRandom().nextInt(1_500));

  private static int nextFreeBlock() throws IOException {
    for (int attempt = 0; attempt < 100; attempt++) {
      int base = NEXT.getAndAdd(BLOCK);
      if (free(base) && free(base + 1) && free(base + 2) && free(base + 102)) {
        return base;
      }
    }
    throw new IOException("No free block of ports for a broker node");
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return socket.isBound();
    } catch (IOException e) {
      return false;
    }
  }

  String name() {
    return name;
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + httpPort);
  }

  /** This replica in a TCPPING list. */
  String jgroupsAddress() {
    return "127.0.0.1[" + jgroupsPort + "]";
  }

  Path log() {
    return log;
  }

  /** Starts the JVM with {@code shared} settings plus this replica's own ports and name. */
  void start(Map<String, String> shared) throws IOException, InterruptedException {
    // A test that failed half-way may leave this replica running; a second process on its ports
    // would fail, and the first would outlive the build.
    stop();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-XX:+UseSerialGC");
    command.add("-Djava.net.preferIPv4Stack=true");
    shared.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-Dquarkus.http.host=127.0.0.1");
    command.add("-Dquarkus.http.port=" + httpPort);
    command.add("-Dquarkus.management.host=127.0.0.1");
    command.add("-Dquarkus.management.port=" + managementPort);
    command.add("-Dmost.state.cluster.bind-port=" + jgroupsPort);
    command.add("-Dmost.state.cluster.node-name=" + name);
    command.add("-jar");
    command.add(Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath().toString());
    settings = command;
    Files.createDirectories(log.getParent());
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
  }

  /**
   * Waits until the replica reports ready in a cluster view of {@code members}, with the entries
   * moved that the last join or leave made it responsible for.
   */
  void awaitReady(int members, Duration timeout) throws Exception {
    awaitReadiness(
        "ready with " + members + " members",
        ready -> {
          Matcher m = MEMBERS.matcher(ready.body());
          return ready.statusCode() == 200
              && m.find()
              && Integer.parseInt(m.group(1)) == members
              && SETTLED.matcher(ready.body()).find();
        },
        timeout);
  }

  /**
   * Waits until the replica is in a cluster view of {@code members} and ready, its entries possibly
   * still moving (a rebalance under way).
   */
  void awaitMembers(int members, Duration timeout) throws Exception {
    awaitReadiness(
        "in a view of " + members,
        ready -> {
          Matcher m = MEMBERS.matcher(ready.body());
          return ready.statusCode() == 200 && m.find() && Integer.parseInt(m.group(1)) == members;
        },
        timeout);
  }

  /** Waits until the readiness answer is {@code status} and contains {@code text}. */
  void awaitReadiness(int status, String text, Duration timeout) throws Exception {
    awaitReadiness(
        status + " with " + text,
        ready -> ready.statusCode() == status && ready.body().contains(text),
        timeout);
  }

  private void awaitReadiness(
      String what, Predicate<HttpResponse<String>> reached, Duration timeout) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    String last = "no answer";
    while (Instant.now().isBefore(deadline)) {
      if (process != null && !process.isAlive()) {
        throw new AssertionError(name + " exited with " + process.exitValue() + "; see " + log);
      }
      try {
        HttpResponse<String> ready =
            HTTP.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        last = ready.statusCode() + " " + ready.body();
        if (reached.test(ready)) {
          return;
        }
      } catch (IOException e) {
        last = e.getClass().getSimpleName();
      }
      Thread.sleep(250);
    }
    throw new AssertionError(name + " not " + what + " in " + timeout + ": " + last);
  }

  /** Whether this replica's readiness answer says it coordinates the cluster. */
  boolean coordinates() throws Exception {
    HttpResponse<String> ready =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return ready.body().matches("(?s).*\"coordinator\"\\s*:\\s*true.*");
  }

  /** SIGKILL: no shutdown hook, no goodbye to the cluster, as when a node or pod dies. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(20, TimeUnit.SECONDS);
  }

  /** SIGTERM: Quarkus shuts down and the replica leaves the cluster cleanly. */
  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  List<String> command() {
    return settings;
  }
}
