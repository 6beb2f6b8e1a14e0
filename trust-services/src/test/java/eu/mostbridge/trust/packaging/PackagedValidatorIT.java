package eu.mostbridge.trust.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import eu.mostbridge.trust.fixtures.Multipart;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged validator as the README starts it ({@code -Dquarkus.profile=demo}, from the
 * repository's root): it serves a committed sample, and it stops within five seconds of SIGTERM.
 * Its class path holds DSS's xmlsec 3 and nothing of the broker's SAML stack.
 */
class PackagedValidatorIT {
  private static final Path APP = Path.of("target", "quarkus-app").toAbsolutePath();
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final int PORT = 18090;
  private static final int MANAGEMENT = 19090;

  @Test
  void thePackageCarriesDssXmlsecAndNoOpenSaml() throws IOException {
    List<String> libraries = Files.readAllLines(APP.resolve("quarkus-app-dependencies.txt"));
    assertThat(libraries).contains("org.apache.santuario:xmlsec::jar:3.0.6");
    assertThat(libraries).noneMatch(l -> l.startsWith("org.opensaml:"));
    assertThat(libraries).noneMatch(l -> l.startsWith("com.nimbusds:"));
    assertThat(libraries).anyMatch(l -> l.startsWith("jakarta.activation:"));
  }

  @Test
  void theDemoValidatesASampleOfflineAndStopsQuickly() throws Exception {
    Path log = Files.createTempFile("trust-demo", ".log");
    Process validator =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-Dquarkus.profile=demo",
                "-Dquarkus.http.port=" + PORT,
                "-Dquarkus.management.port=" + MANAGEMENT,
                "-Dmost.trust.cache-directory=" + APP.getParent().resolve("trust-cache-it"),
                "-jar",
                APP.resolve("quarkus-run.jar").toString())
            .directory(ROOT.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      HttpClient http = HttpClient.newHttpClient();
      String ready = "";
      for (int i = 0; i < 60 && !ready.contains("\"UP\""); i++) {
        Thread.sleep(500);
        try {
          ready =
              http.send(
                      HttpRequest.newBuilder(
                              URI.create("http://127.0.0.1:" + MANAGEMENT + "/q/health/ready"))
                          .build(),
                      HttpResponse.BodyHandlers.ofString())
                  .body();
        } catch (IOException notYet) {
          assertThat(validator.isAlive()).as(Files.readString(log)).isTrue();
        }
      }
      assertThat(ready).contains("\"BG\": \"sequence 17, in force\"");
      HttpResponse<String> answer =
          Multipart.post(
              "http://127.0.0.1:" + PORT + "/validation/v1",
              "document",
              "bg-qualified-pades-lt.pdf",
              Files.readAllBytes(
                  ROOT.resolve("trust-services/demo/samples/bg-qualified-pades-lt.pdf")));
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      assertThat(answer.body())
          .contains("\"indication\":\"TOTAL_PASSED\"")
          .contains("\"code\":\"EU_QUALIFIED\"");
      String page =
          http.send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/?lang=bg"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      assertThat(page).contains("ДЕМО");
    } finally {
      long started = System.nanoTime();
      validator.destroy();
      boolean exited = validator.waitFor(10, TimeUnit.SECONDS);
      long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
      if (!exited) {
        validator.destroyForcibly();
      }
      System.out.printf("The validator exited %d ms after SIGTERM%n", millis);
      assertThat(exited).isTrue();
      assertThat(millis).as("exit after SIGTERM, ms").isLessThan(5000);
    }
  }
}
