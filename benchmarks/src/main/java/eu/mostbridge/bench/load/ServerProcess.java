package eu.mostbridge.bench.load;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A server under test in its own process, optionally pinned to some CPUs with {@code taskset},
 * whose CPU time (the process and its children, from {@code /proc}) and heap are read from outside.
 */
final class ServerProcess implements AutoCloseable {
  /** Linux's USER_HZ: the unit of utime and stime in /proc/[pid]/stat. */
  private static final double TICKS_PER_SECOND = 100.0;

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final Process process;
  private final Path log;

  private ServerProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code command}; with {@code cpus} (for example {@code 0} or {@code 0-1}) pinned there.
   */
  static ServerProcess start(
      String name, List<String> command, Map<String, String> environment, String cpus, Path log)
      throws IOException {
    List<String> full = new ArrayList<>();
    if (cpus != null && Files.isExecutable(Path.of("/usr/bin/taskset"))) {
      full.addAll(List.of("/usr/bin/taskset", "-c", cpus));
    }
    full.addAll(command);
    Files.createDirectories(log.getParent());
    ProcessBuilder builder =
        new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    return new ServerProcess(name, builder.start(), log);
  }

  /**
   * A port free now and not one of {@code taken}: two ports asked for one after the other, each
   * socket closed before the next, can come back the same (seen once: Most's management interface
   * then shared its HTTP port and the readiness check never answered).
   */
  static int freePort(int... taken) throws IOException {
    while (true) {
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      if (Arrays.stream(taken).noneMatch(t -> t == port)) {
        return port;
      }
    }
  }

  /**
   * Waits until {@code url} answers 200; returns how long that took from now. A server not ready in
   * time is stopped before the error, or it would go on running beside the next measurements.
   */
  Duration awaitOk(URI url, Duration limit) throws IOException, InterruptedException {
    long start = System.nanoTime();
    long deadline = start + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " ended; see " + log + ":\n" + tail());
      }
      try {
        HttpResponse<Void> response =
            HTTP.send(
                HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return Duration.ofNanos(System.nanoTime() - start);
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(20);
    }
    String tail = tail();
    close();
    throw new IllegalStateException(name + " not ready at " + url + " in " + limit + ":\n" + tail);
  }

  String tail() throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  /** CPU time used so far by the process and its descendants, in milliseconds. */
  double cpuMillis() {
    return Stream.concat(Stream.of(process.toHandle()), process.descendants())
            .mapToDouble(handle -> ticks(handle.pid()))
            .sum()
        * 1000.0
        / TICKS_PER_SECOND;
  }

  private static double ticks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // The command name may hold spaces; the fields after it are space separated.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ", -1);
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /**
   * CPU milliseconds so far per kind of thread of the Java process (compiler, GC, request threads,
   * ...), from /proc/[pid]/task/[tid]/stat, whose command field is the thread's name.
   */
  java.util.Map<String, Double> cpuMillisByThread() {
    java.util.Map<String, Double> byKind = new java.util.TreeMap<>();
    Path tasks = Path.of("/proc", Long.toString(javaPid()), "task");
    try (Stream<Path> threads = Files.list(tasks)) {
      for (Path thread : threads.toList()) {
        try {
          String stat = Files.readString(thread.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ", -1);
          double millis =
              (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 1000.0 / TICKS_PER_SECOND;
          byKind.merge(
              name.replaceAll("[0-9]+", "#").replaceAll("#[-#]*", "#"), millis, Double::sum);
        } catch (IOException | RuntimeException e) {
          // the thread ended
        }
      }
    } catch (IOException e) {
      return byKind;
    }
    return byKind;
  }

  /** The Java process (the launcher's child where a script starts it). */
  long javaPid() {
    return Stream.concat(Stream.of(process.toHandle()), process.descendants())
        .filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false))
        .mapToLong(ProcessHandle::pid)
        .findFirst()
        .orElse(process.pid());
  }

  /** Heap in use after a full collection, in bytes, via {@code jcmd} of the running JDK. */
  long heapAfterGc() throws IOException, InterruptedException {
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    long pid = javaPid();
    run(List.of(jcmd, Long.toString(pid), "GC.run"));
    String info = run(List.of(jcmd, Long.toString(pid), "GC.heap_info"));
    return usedHeap(info);
  }

  /**
   * The bytes in use that {@code GC.heap_info} reports, summed over its heaps or generations: JDK
   * 17 writes "garbage-first heap total 262144K, used 53112K", JDK 25 "garbage-first heap total
   * reserved 524288K, committed 524288K, used 19012K", the serial collector one line per generation
   * ("def new generation total …, used …" on JDK 17, "DefNew total …, used …" and "Tenured total …"
   * on JDK 25). Only those lines have a total; the spaces and Metaspace do not.
   */
  static long usedHeap(String info) {
    long used = 0;
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(?m)^[^\\n]*\\btotal\\b[^\\n]*?\\bused (\\d+)K")
            .matcher(info);
    while (m.find()) {
      used += Long.parseLong(m.group(1)) * 1024;
    }
    if (used == 0) {
      throw new IllegalStateException("unreadable heap info: " + info);
    }
    return used;
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(60, TimeUnit.SECONDS);
    return out;
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
