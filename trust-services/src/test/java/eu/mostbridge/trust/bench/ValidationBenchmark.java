package eu.mostbridge.trust.bench;

import static org.assertj.core.api.Assertions.assertThat;

import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.mostbridge.trust.fixtures.Multipart;
import eu.mostbridge.trust.fixtures.SampleDocuments;
import eu.mostbridge.trust.fixtures.TrustWorld;
import eu.mostbridge.trust.lists.FixtureDataLoader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Validations per second and memory of the packaged validator at {@code -Xmx512m}, beside DSS alone
 * in the configuration of its demonstration webapp ({@link BareDss}), on the same files: a 1-page
 * PAdES B-LT, and a 40 MB PDF with 10 signatures. Not a test: run on an idle machine with
 *
 * <pre>
 * ./mvnw -B -q package -pl trust-services -DskipTests
 * ./mvnw -B -o test -pl trust-services -Dtest=ValidationBenchmark -Dmost.bench=true
 * </pre>
 *
 * and read {@code trust-services/target/bench/validation.md} (docs/BENCHMARKS.md).
 */
@EnabledIfSystemProperty(named = "most.bench", matches = "true")
class ValidationBenchmark {
  private static final Path OUT = Path.of("target", "bench").toAbsolutePath();
  private static final Path APP =
      Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
  private static final int PORT = 18290;
  private static final int MANAGEMENT = 19290;
  private static final int SECONDS = Integer.getInteger("most.bench.seconds", 30);

  @Test
  void measure() throws Exception {
    Files.createDirectories(OUT);
    Path fixtures = OUT.resolve("world");
    TrustWorld world = TrustWorld.create(Instant.now(), Duration.ofDays(365));
    world.writeFixtures(fixtures, TrustWorld.ListOptions.NORMAL, Duration.ofDays(30));
    SampleDocuments samples = new SampleDocuments(world, FixtureDataLoader.of(fixtures));
    Path small = OUT.resolve("one-page-pades-b-lt.pdf");
    Files.write(
        small,
        DSSUtils.toByteArray(
            samples.pades(
                SampleDocuments.pdf("bench", 1),
                world.bgSigner,
                SignatureLevel.PAdES_BASELINE_LT,
                world.now)));
    Path big = OUT.resolve("forty-mb-ten-signatures.pdf");
    DSSDocument signed = bigPdf(40L * 1000 * 1000);
    for (int i = 0; i < 10; i++) {
      signed =
          samples.pades(
              signed,
              i % 2 == 0 ? world.bgSigner : world.mkSigner,
              SignatureLevel.PAdES_BASELINE_B,
              world.now);
      signed = new InMemoryDocument(DSSUtils.toByteArray(signed), "big.pdf");
    }
    Files.write(big, DSSUtils.toByteArray(signed));

    List<String> rows = new ArrayList<>();
    rows.add(
        "| system | document | validations | seconds | per second | p50 ms | p95 ms | peak RSS MiB"
            + " | result |");
    rows.add("|---|---|---|---|---|---|---|---|---|");
    Measured mostSmall;
    Measured mostBig;
    Process most = startMost(fixtures);
    try {
      mostSmall = most(most, small, 2, SECONDS, Long.MAX_VALUE);
      mostBig = most(most, big, 1, 600, 5);
    } finally {
      most.destroy();
      most.waitFor(10, TimeUnit.SECONDS);
    }
    rows.add(mostSmall.row("Most (HTTP, 2 client threads)", "1-page PAdES B-LT"));
    rows.add(mostBig.row("Most (HTTP, 1 client)", "40 MB PDF, 10 signatures"));
    rows.add(bare(fixtures, small, 2, SECONDS).row("DSS alone (2 threads)", "1-page PAdES B-LT"));
    rows.add(bare(fixtures, big, 1, -5).row("DSS alone (1 thread)", "40 MB PDF, 10 signatures"));
    String report =
        "Measured "
            + Instant.now()
            + ", "
            + Runtime.getRuntime().availableProcessors()
            + " CPUs, "
            + System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.version")
            + ", both at -Xmx512m; the 40 MB PDF is "
            + Files.size(big)
            + " bytes.\n\n"
            + String.join("\n", rows)
            + "\n";
    Files.writeString(OUT.resolve("validation.md"), report, StandardCharsets.UTF_8);
    System.out.println(report);
  }

  /** What one run measured. */
  record Measured(long count, long millis, List<Long> times, long peakRssKb, String result) {
    String row(String system, String document) {
      List<Long> sorted = new ArrayList<>(times);
      Collections.sort(sorted);
      long p50 = sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
      long p95 =
          sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, sorted.size() * 95 / 100));
      return String.format(
          "| %s | %s | %d | %.1f | %.2f | %d | %d | %d | %s |",
          system,
          document,
          count,
          millis / 1000.0,
          count * 1000.0 / millis,
          p50,
          p95,
          peakRssKb / 1024,
          result);
    }
  }

  private static Process startMost(Path fixtures) throws Exception {
    Process process =
        new ProcessBuilder(
                java(),
                "-Xmx512m",
                "-Dquarkus.http.port=" + PORT,
                "-Dquarkus.management.port=" + MANAGEMENT,
                "-Dquarkus.log.console.json.enabled=false",
                "-Dmost.trust.fixtures=" + fixtures,
                "-Dmost.trust.cache-directory=" + OUT.resolve("cache"),
                "-Dmost.trust.eu.url=" + TrustWorld.LOTL_URL,
                "-Dmost.trust.eu.signing-certificates=" + fixtures.resolve("eu-lotl-signers.pem"),
                "-Dmost.trust.mk.url=" + TrustWorld.MK_TL_URL,
                "-Dmost.trust.mk.signing-certificates=" + fixtures.resolve("tl-mk-signers.pem"),
                "-Dmost.trust.validation.timeout=PT600S",
                "-jar",
                APP.toString())
            .redirectErrorStream(true)
            .redirectOutput(OUT.resolve("most.log").toFile())
            .start();
    HttpClient http = HttpClient.newHttpClient();
    for (int i = 0; i < 120; i++) {
      try {
        if (http.send(
                    HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + MANAGEMENT + "/q/health/ready"))
                        .build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode()
            == 200) {
          return process;
        }
      } catch (IOException notYet) {
        // starting
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("Most was not ready; see " + OUT.resolve("most.log"));
  }

  private static Measured most(Process most, Path document, int threads, int seconds, long count)
      throws Exception {
    byte[] content = Files.readAllBytes(document);
    String url = "http://127.0.0.1:" + PORT + "/validation/v1";
    // Warm up: the JIT, DSS's first parses.
    for (int i = 0; i < (content.length > 1_000_000 ? 1 : 20); i++) {
      assertThat(Multipart.post(url, "document", "d.pdf", content).statusCode()).isEqualTo(200);
    }
    List<Long> times = Collections.synchronizedList(new ArrayList<>());
    List<String> results = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean done = new AtomicBoolean();
    AtomicLong peak = new AtomicLong();
    Thread sampler = rssSampler(most.pid(), done, peak);
    long started = System.nanoTime();
    long deadline = started + seconds * 1_000_000_000L;
    List<Thread> clients = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread client =
          new Thread(
              () -> {
                while (System.nanoTime() < deadline && times.size() < count) {
                  long one = System.nanoTime();
                  HttpResponse<String> answer = Multipart.post(url, "document", "d.pdf", content);
                  times.add((System.nanoTime() - one) / 1_000_000);
                  results.add(
                      answer.statusCode() == 200
                          ? answer.body().replaceAll("(?s).*?\"indication\":\"([A-Z_]+)\".*", "$1")
                          : "HTTP " + answer.statusCode());
                }
              });
      client.start();
      clients.add(client);
    }
    for (Thread client : clients) {
      client.join();
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    done.set(true);
    sampler.join();
    return new Measured(
        times.size(), millis, times, peak.get(), results.isEmpty() ? "none" : results.get(0));
  }

  private static Measured bare(Path fixtures, Path document, int threads, long limit)
      throws Exception {
    Path log = OUT.resolve("dss-" + document.getFileName() + ".log");
    Process process =
        new ProcessBuilder(
                java(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                BareDss.class.getName(),
                fixtures.toString(),
                document.toString(),
                String.valueOf(threads),
                String.valueOf(limit))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    AtomicBoolean done = new AtomicBoolean();
    AtomicLong peak = new AtomicLong();
    Thread sampler = rssSampler(process.pid(), done, peak);
    process.waitFor(20, TimeUnit.MINUTES);
    done.set(true);
    sampler.join();
    String result =
        Files.readAllLines(log).stream()
            .filter(l -> l.startsWith("RESULT "))
            .findFirst()
            .orElse("RESULT 0 1 failed:see-" + log.getFileName() + " []");
    String[] parts = result.split(" ", 5);
    List<Long> times = new ArrayList<>();
    String list = parts.length > 4 ? parts[4].replaceAll("[\\[\\] ]", "") : "";
    for (String time : list.split(",", -1)) {
      if (!time.isEmpty()) {
        times.add(Long.parseLong(time));
      }
    }
    return new Measured(
        Long.parseLong(parts[1]), Long.parseLong(parts[2]), times, peak.get(), parts[3]);
  }

  /** Samples the process's resident memory every 100 ms until done, keeping the peak (KiB). */
  private static Thread rssSampler(long pid, AtomicBoolean done, AtomicLong peak) {
    Thread sampler =
        new Thread(
            () -> {
              Path status = Path.of("/proc", String.valueOf(pid), "status");
              while (!done.get()) {
                try {
                  for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmRSS:")) {
                      long kb = Long.parseLong(line.replaceAll("\\D", ""));
                      peak.accumulateAndGet(kb, Math::max);
                    }
                  }
                  Thread.sleep(100);
                } catch (IOException e) {
                  return;
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
              }
            });
    sampler.start();
    return sampler;
  }

  /** A PDF of about {@code bytes}, its pages images of random pixels (which do not compress). */
  private static DSSDocument bigPdf(long bytes) throws IOException {
    Random random = new Random(23);
    try (PDDocument pdf = new PDDocument();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      int side = 256;
      long perPage = 3L * side * side;
      for (long written = 0; written < bytes; written += perPage) {
        BufferedImage noise = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < side; x++) {
          for (int y = 0; y < side; y++) {
            noise.setRGB(x, y, random.nextInt(0x1000000));
          }
        }
        PDPage page = new PDPage();
        pdf.addPage(page);
        PDImageXObject image = LosslessFactory.createFromImage(pdf, noise);
        try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
          content.drawImage(image, 72, 300, 400, 400);
        }
      }
      pdf.save(out);
      return new InMemoryDocument(out.toByteArray(), "big.pdf");
    }
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
