package eu.mostbridge.bench.load;

import eu.mostbridge.simulator.Personas;
import eu.mostbridge.simulator.http.SimulatorServer;
import eu.mostbridge.simulator.oidc.OidcSimulator;
import eu.mostbridge.simulator.oidc.OidcSimulatorSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Complete cross-border logins against the packaged Most and, in the same run on the same CPUs,
 * against Keycloak brokering the same simulated eid.mk; prints and writes the figures and the plot.
 * Usage (docs/BENCHMARKS.md):
 *
 * <pre>
 * java -cp "benchmarks/target/classes:benchmarks/target/lib/*" eu.mostbridge.bench.load.LoadBenchmark
 *     [--quick] [--systems most,keycloak] [--cpus "0 0-1"] [--stored 10000,100000]
 *     [--phases load,startup,stored,soak] [--soak-minutes 30] [--soak-rate 150]
 *     [--out DIR] [--plot FILE] [--broker-jar JAR] [--keycloak-home DIR]
 * </pre>
 */
public final class LoadBenchmark {
  private static final List<String> PERSONAS = List.of("mk-ljubica", "mk-gjorgji", "mk-dzvezdan");
  private static final String NATIONAL_SECRET = "bench-national-secret";

  private final Options options;
  private final StringBuilder report = new StringBuilder();
  private final Map<String, List<LoadRun.Result>> series = new LinkedHashMap<>();

  record Options(
      boolean quick,
      List<String> systems,
      List<Integer> stored,
      Path out,
      Path plot,
      Path brokerJar,
      Path keycloakHome,
      List<String> cpuSets,
      List<String> phases,
      List<Integer> citizens,
      int soakMinutes,
      double soakRate) {
    static Options parse(String[] args) {
      Map<String, String> given = new LinkedHashMap<>();
      boolean quick = false;
      for (int i = 0; i < args.length; i++) {
        if (args[i].equals("--quick")) {
          quick = true;
        } else if (args[i].startsWith("--") && i + 1 < args.length) {
          given.put(args[i].substring(2), args[++i]);
        } else {
          throw new IllegalArgumentException("unknown argument " + args[i]);
        }
      }
      return new Options(
          quick,
          Arrays.asList(given.getOrDefault("systems", "most,keycloak").split(",", -1)),
          Arrays.stream(given.getOrDefault("stored", quick ? "" : "10000,100000").split(",", -1))
              .filter(count -> !count.isEmpty())
              .map(Integer::valueOf)
              .toList(),
          Path.of(given.getOrDefault("out", "benchmarks/target/bench")),
          given.containsKey("plot") ? Path.of(given.get("plot")) : null,
          Path.of(given.getOrDefault("broker-jar", "broker/target/quarkus-app/quarkus-run.jar")),
          Path.of(
              given.getOrDefault("keycloak-home", "benchmarks/target/keycloak/keycloak-26.5.6")),
          given.containsKey("cpus")
              ? Arrays.asList(given.get("cpus").split(" ", -1))
              : Runtime.getRuntime().availableProcessors() >= 2
                  ? List.of("0", "0-1")
                  : List.of("0"),
          Arrays.asList(given.getOrDefault("phases", "load,startup,stored").split(",", -1)),
          Arrays.stream(
                  given.getOrDefault("citizens", quick ? "1,4" : "1,2,4,8,16,32,64").split(",", -1))
              .map(Integer::valueOf)
              .toList(),
          Integer.parseInt(given.getOrDefault("soak-minutes", quick ? "3" : "30")),
          Double.parseDouble(given.getOrDefault("soak-rate", "150")));
    }

    Duration warmup() {
      return quick ? Duration.ofSeconds(2) : Duration.ofSeconds(5);
    }

    Duration measured() {
      return quick ? Duration.ofSeconds(3) : Duration.ofSeconds(15);
    }
  }

  LoadBenchmark(Options options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    LoadBenchmark benchmark = new LoadBenchmark(Options.parse(args));
    benchmark.runAll();
    System.exit(0); // the simulators' and clients' threads are not daemons
  }

  /** Everything; returns the results by series ("Most, 1 CPU", ...). */
  Map<String, List<LoadRun.Result>> runAll() throws Exception {
    Files.createDirectories(options.out());
    // The simulators' JDK HTTP server otherwise leaves Nagle's algorithm on: each of its answers
    // to the servers' back-channel requests would wait for a delayed ACK (about 40 ms), a latency
    // of the stand-in, not of a national eID, added alike to both systems' callback.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    int cores = Runtime.getRuntime().availableProcessors();
    line("# Load benchmark: complete logins through eid.mk's simulator");
    line("");
    line(
        "Machine: %d CPUs (%s), %s, Java %s. Quick: %s.",
        cores,
        cpuModel(),
        System.getProperty("os.name") + " " + System.getProperty("os.version"),
        System.getProperty("java.version"),
        options.quick());
    int keycloakPort = ServerProcess.freePort();
    URI keycloakBase = URI.create("http://localhost:" + keycloakPort);
    try (SimulatorServer simulators = SimulatorServer.onLoopback(0)) {
      URI forMost = simulators.baseUri().resolve("/eid-mk-most");
      URI forKeycloak = simulators.baseUri().resolve("/eid-mk-keycloak");
      simulators.mount(
          "/eid-mk-most",
          new OidcSimulator(
              forMost,
              OidcSimulatorSettings.eidMk("most", NATIONAL_SECRET, MostUnderTest.callback()),
              Personas.defaults()));
      simulators.mount(
          "/eid-mk-keycloak",
          new OidcSimulator(
              forKeycloak,
              OidcSimulatorSettings.eidMk(
                  "keycloak", NATIONAL_SECRET, KeycloakUnderTest.callback(keycloakBase)),
              Personas.defaults()));
      simulators.start();

      for (String cpus :
          options.phases().contains("load") ? options.cpuSets() : List.<String>of()) {
        // With one CPU for the server, the driver and the simulators keep to the others.
        pinSelf(cpus.equals("0") && cores >= 2 ? "1-" + (cores - 1) : "0-" + (cores - 1));
        if (options.systems().contains("most")) {
          runMost(cpus, forMost);
        }
        if (options.systems().contains("keycloak")) {
          runKeycloak(cpus, keycloakPort, forKeycloak);
        }
      }
      pinSelf("0-" + (cores - 1));
      if (options.systems().contains("most")) {
        if (options.phases().contains("startup")) {
          startupTimes(forMost);
        }
        for (int stored :
            options.phases().contains("stored") ? options.stored() : List.<Integer>of()) {
          withStoredLogins(stored, forMost);
        }
        if (options.phases().contains("soak")) {
          soak(forMost, cores);
        }
      }
    }
    summary();
    Path markdown = options.out().resolve("load.md");
    Files.writeString(markdown, report, StandardCharsets.UTF_8);
    if (options.plot() != null) {
      Plot.draw(
          series,
          String.format(
              Locale.ROOT,
              "%d CPUs %s, Java %s; server pinned with taskset; %s s measured per point",
              cores,
              cpuModel(),
              System.getProperty("java.version"),
              options.measured().toSeconds()),
          options.plot());
      line("Plot: %s", options.plot());
    }
    line("Report: %s", markdown);
    return series;
  }

  private void runMost(String cpus, URI national) throws Exception {
    MostUnderTest most =
        MostUnderTest.start(
            options.brokerJar(), options.out(), national, NATIONAL_SECRET, cpus, "512m");
    try {
      line("");
      line("## Most on CPU %s (ready %d ms after launch)", cpus, most.ready.toMillis());
      LoadRun load = new LoadRun(most.logins(), most::route, most.process, PERSONAS);
      measure(load, "Most, CPU " + cpus, cpus);
      if (cpus.equals(options.cpuSets().get(0))) {
        memory(load, most.process, true);
      }
    } finally {
      most.process.close();
    }
  }

  /**
   * Complete logins at {@code --soak-rate} per second for {@code --soak-minutes}, Most on one CPU
   * and the driver on the others, heap after GC sampled each minute; the slope is fitted from the
   * 16th minute on, when every kept entry (a login's consent record lives 15 minutes) has reached
   * its lifespan.
   */
  private void soak(URI national, int cores) throws Exception {
    pinSelf(cores >= 2 ? "1-" + (cores - 1) : "0");
    MostUnderTest most =
        MostUnderTest.start(
            options.brokerJar(), options.out(), national, NATIONAL_SECRET, "0", "512m");
    try {
      LoadRun load = new LoadRun(most.logins(), most::route, most.process, PERSONAS);
      load.prime();
      load.run("0", 8, Duration.ZERO, Duration.ofSeconds(options.quick() ? 3 : 60));
      line("");
      line(
          "## Soak: %.0f logins/s for %d minutes, Most on CPU 0 (-Xmx512m), open loop",
          options.soakRate(), options.soakMinutes());
      line("");
      line("| minute | logins | failed | heap after GC, MiB | Most's CPU, ms per login |");
      line("|---:|---:|---:|---:|---:|");
      int steadyFrom = Math.min(16, Math.max(1, options.soakMinutes() / 2));
      Soak.Outcome outcome =
          Soak.run(
              load,
              options.soakRate(),
              options.soakMinutes(),
              steadyFrom,
              64,
              m ->
                  line(
                      "| %d | %d | %d | %.1f | %.2f |",
                      m.minute(),
                      m.logins(),
                      m.failures(),
                      m.heapAfterGcBytes() / 1048576.0,
                      m.logins() == 0 ? Double.NaN : m.cpuMillis() / m.logins()));
      line("");
      line(
          "Soak: %d logins, %d failed%s; heap slope from minute %d on: %.1f KiB/minute.",
          outcome.logins(),
          outcome.failures(),
          outcome.firstFailure() == null ? "" : " (first: " + outcome.firstFailure() + ")",
          outcome.from(),
          outcome.slopeKibPerMinute());
      Path plot = options.out().resolve("soak.png");
      Soak.plot(
          outcome,
          String.format(
              Locale.ROOT,
              "%.0f logins/s for %d min, Most pinned to one CPU, -Xmx512m, Java %s; heap slope from"
                  + " minute %d: %.1f KiB/min",
              options.soakRate(),
              options.soakMinutes(),
              System.getProperty("java.version"),
              outcome.from(),
              outcome.slopeKibPerMinute()),
          plot);
      line("Soak plot: %s", plot);
    } finally {
      most.process.close();
    }
  }

  private void runKeycloak(String cpus, int port, URI national) throws Exception {
    KeycloakUnderTest keycloak =
        KeycloakUnderTest.start(options.keycloakHome(), options.out(), port, cpus, "512m");
    try {
      keycloak.configure(national, NATIONAL_SECRET);
      line("");
      line(
          "## Keycloak 26.5.6 on CPU %s (ready %d ms after launch)",
          cpus, keycloak.ready.toMillis());
      LoadRun load = new LoadRun(keycloak.logins(), uri -> uri, keycloak.process, PERSONAS);
      measure(load, "Keycloak, CPU " + cpus, cpus);
      if (cpus.equals(options.cpuSets().get(0))) {
        memory(load, keycloak.process, false);
      }
    } finally {
      keycloak.process.close();
    }
  }

  private void measure(LoadRun load, String name, String cpus) throws Exception {
    load.prime();
    // A first round to let the JIT compile the hot paths, not reported: a minute, after which the
    // compiler's share of the CPU (reported per point) is small.
    load.run(
        cpus, 8, Duration.ZERO, options.quick() ? Duration.ofSeconds(3) : Duration.ofSeconds(60));
    List<LoadRun.Result> results = new ArrayList<>();
    line("");
    line(
        "| citizens | logins/s | failed | CPU ms/login (of which JIT) | a login's time in the"
            + " server, p50 / p95 / p99 ms | p95 per request, ms |");
    line("|---:|---:|---:|---:|---|---|");
    for (int concurrency : options.citizens()) {
      LoadRun.Result r = load.run(cpus, concurrency, options.warmup(), options.measured());
      results.add(r);
      StringBuilder legs = new StringBuilder();
      for (String leg : r.serverLegs()) {
        legs.append(leg)
            .append(' ')
            .append(String.format(Locale.ROOT, "%.1f", r.times().millis(leg, 95)))
            .append("; ");
      }
      line(
          "| %d | %.1f | %d | %.2f (%.2f) | %.1f / %.1f / %.1f | %s |",
          concurrency,
          r.loginsPerSecond(),
          r.failures(),
          r.cpuMillisPerLogin(),
          r.compilerMillisPerLogin(),
          r.serverMillis(50),
          r.serverMillis(95),
          r.serverMillis(99),
          legs);
      if (r.failures() > 0) {
        line("First failure: %s", r.firstFailure());
      }
    }
    series.put(name, results);
    line("");
    line("CPU by thread since start (ms): %s", top(load.server().cpuMillisByThread()));
  }

  private static String top(Map<String, Double> byThread) {
    return byThread.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .limit(8)
        .map(e -> String.format(Locale.ROOT, "%s %.0f", e.getKey(), e.getValue()))
        .collect(java.util.stream.Collectors.joining(", "));
  }

  /**
   * Heap per login waiting at the national eID, and per completed login (what stays: tokens and
   * one-time records for Most, the single sign-on session for Keycloak), each from a full
   * collection before and after.
   */
  private void memory(LoadRun load, ServerProcess server, boolean most) throws Exception {
    int count = options.quick() ? 500 : 10_000;
    long before = server.heapAfterGc();
    Duration took = load.startLogins(count, 8);
    long after = server.heapAfterGc();
    line("");
    line(
        "Heap per login in flight (waiting at the national eID): %d bytes (%d logins started in"
            + " %d ms; heap after GC %d → %d KiB).",
        (after - before) / count, count, took.toMillis(), before / 1024, after / 1024);
    if (most) {
      before = after;
      took = load.startLargestLogins(count, 8);
      after = server.heapAfterGc();
      line(
          "Heap per login in flight with state and nonce at their limits (2048 and 512 characters):"
              + " %d bytes (%d logins in %d ms; heap after GC %d → %d KiB).",
          (after - before) / count, count, took.toMillis(), before / 1024, after / 1024);
    }
    int completed = options.quick() ? 200 : 5_000;
    before = after;
    took = load.completeLogins(completed, 8);
    after = server.heapAfterGc();
    line(
        "Heap per completed login, kept until its tokens or session expire: %d bytes (%d logins in"
            + " %d ms; heap after GC %d → %d KiB).",
        (after - before) / completed, completed, took.toMillis(), before / 1024, after / 1024);
  }

  /**
   * The packaged jar from launch to ready, five times, all CPUs; then five times more with a
   * class-data archive of the classes a first start loaded, as an operator would make it once per
   * image (docs/DEPLOYMENT.md): the JDK's AOT cache from Java 25 (JEP 483, 514), AppCDS before.
   */
  private void startupTimes(URI national) throws Exception {
    line("");
    line(
        "Packaged jar, launch to ready (readiness answered 200), ms: %s",
        startups(national, List.of()));

    boolean aotCache = Runtime.version().feature() >= 25;
    Path archive =
        options.out().toAbsolutePath().resolve(aotCache ? "most.aot" : "most.jsa").normalize();
    Files.deleteIfExists(archive);
    startMostOnAllCpus(
            national,
            List.of((aotCache ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + archive))
        .process
        .close(); // the JVM writes the archive as it exits
    Instant deadline = Instant.now().plusSeconds(60);
    while (!Files.exists(archive) && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
    }
    if (!Files.exists(archive)) {
      line("No class-data archive was written by the training start (%s).", archive);
      return;
    }
    line(
        "With %s from one training start (%d MiB), ms: %s",
        aotCache ? "an AOT cache (-XX:AOTCache)" : "an AppCDS archive (-XX:SharedArchiveFile)",
        Files.size(archive) >> 20,
        startups(
            national, List.of((aotCache ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + archive)));
  }

  private MostUnderTest startMostOnAllCpus(URI national, List<String> jvmOptions) throws Exception {
    return MostUnderTest.start(
        options.brokerJar(), options.out(), national, NATIONAL_SECRET, null, "512m", jvmOptions);
  }

  private List<Long> startups(URI national, List<String> jvmOptions) throws Exception {
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < (options.quick() ? 1 : 5); i++) {
      MostUnderTest most = startMostOnAllCpus(national, jvmOptions);
      times.add(most.ready.toMillis());
      most.process.close();
    }
    return times;
  }

  /**
   * Logins through Most before and after {@code stored} others are left waiting at the national
   * eID, in the same warmed-up process, all CPUs.
   */
  private void withStoredLogins(int stored, URI national) throws Exception {
    String heap = stored >= 1_000_000 ? "6g" : stored >= 100_000 ? "2g" : "512m";
    MostUnderTest most =
        MostUnderTest.start(
            options.brokerJar(), options.out(), national, NATIONAL_SECRET, null, heap);
    try {
      LoadRun load = new LoadRun(most.logins(), most::route, most.process, PERSONAS);
      load.prime();
      load.run("all", 8, Duration.ZERO, Duration.ofSeconds(options.quick() ? 3 : 40));
      LoadRun.Result empty = load.run("all", 8, Duration.ofSeconds(2), Duration.ofSeconds(10));
      Duration fill = load.startLogins(stored, 16);
      long heapUsed = most.process.heapAfterGc();
      LoadRun.Result full = load.run("all", 8, Duration.ofSeconds(2), Duration.ofSeconds(10));
      line("");
      line(
          "%,d logins in flight (started in %d s; heap after GC %d MiB, -Xmx%s): %.1f logins/s"
              + " (%.1f before), a login's p95 in the server %.1f ms (%.1f before), %d failed.",
          stored,
          fill.toSeconds(),
          heapUsed / (1024 * 1024),
          heap,
          full.loginsPerSecond(),
          empty.loginsPerSecond(),
          full.serverMillis(95),
          empty.serverMillis(95),
          full.failures() + empty.failures());
    } finally {
      most.process.close();
    }
  }

  private void summary() {
    line("");
    line("## Ratio");
    for (String cpus : List.of("0", "0-1")) {
      List<LoadRun.Result> most = series.get("Most, CPU " + cpus);
      List<LoadRun.Result> keycloak = series.get("Keycloak, CPU " + cpus);
      if (most == null || keycloak == null) {
        continue;
      }
      double bestMost = most.stream().mapToDouble(LoadRun.Result::loginsPerSecond).max().orElse(0);
      double bestKeycloak =
          keycloak.stream().mapToDouble(LoadRun.Result::loginsPerSecond).max().orElse(0);
      line(
          "CPU %s: Most %.1f logins/s, Keycloak %.1f logins/s at best: ratio %.2f.",
          cpus, bestMost, bestKeycloak, bestMost / bestKeycloak);
    }
  }

  private static void pinSelf(String cpus) {
    try {
      if (Files.isExecutable(Path.of("/usr/bin/taskset"))) {
        new ProcessBuilder(
                "/usr/bin/taskset", "-a", "-cp", cpus, Long.toString(ProcessHandle.current().pid()))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start()
            .waitFor();
      }
    } catch (IOException e) {
      // unpinned: the figures say which CPUs the server had, not the driver
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("unknown CPU");
    } catch (IOException e) {
      return "unknown CPU";
    }
  }

  private void line(String format, Object... args) {
    String text = args.length == 0 ? format : String.format(Locale.ROOT, format, args);
    System.out.println(text);
    report.append(text).append('\n');
  }
}
