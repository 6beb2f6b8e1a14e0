package eu.mostbridge.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A clerk checks a signed document at the validator's page (the packaged validator, its demo
 * profile), in headless Chromium, in each language: upload, read the verdict, open the details, and
 * find both downloads. Screenshots go to {@code signature-*-<language>.png}.
 */
class SignatureCheckTest {
  private static final Path SCREENS = Path.of(System.getProperty("screens.dir", "target/screens"));
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path LOG = Path.of("target", "trust-services.log");

  private static Process validator;
  private static int port;
  private ChromeDriver browser;

  @BeforeAll
  static void startValidator() throws Exception {
    String missing =
        "Chromium is not installed (apt-get install chromium chromium-driver; .ci/run does)";
    if (System.getenv("MOST_CI") != null) {
      assertThat(Chromium.installed()).as(missing).isTrue();
    }
    assumeTrue(Chromium.installed(), missing);
    Path jar = Path.of(System.getProperty("most.trust.jar"));
    assertThat(jar).as("package the validator first (./mvnw -B -q package -DskipTests)").exists();
    port = DemoServer.freePort();
    int management = DemoServer.freePort();
    Files.createDirectories(SCREENS);
    validator =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m",
                    "-Dquarkus.profile=demo",
                    "-Dquarkus.http.port=" + port,
                    "-Dquarkus.management.port=" + management,
                    "-Dmost.trust.cache-directory="
                        + Path.of("target", "trust-cache").toAbsolutePath(),
                    "-jar",
                    jar.toString()))
            .directory(ROOT.toFile())
            .redirectErrorStream(true)
            .redirectOutput(LOG.toFile())
            .start();
    HttpClient http = HttpClient.newHttpClient();
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      assertThat(validator.isAlive()).as("the validator exited; see " + LOG).isTrue();
      try {
        if (http.send(
                    HttpRequest.newBuilder(
                            URI.create("http://localhost:" + management + "/q/health/ready"))
                        .build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode()
            == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("The validator was not ready in 60 s");
  }

  @AfterAll
  static void stopValidator() throws Exception {
    if (validator == null) {
      return;
    }
    validator.destroy();
    validator.waitFor(10, TimeUnit.SECONDS);
    String log = Files.readString(LOG, StandardCharsets.UTF_8);
    assertThat(log).contains("document_validated");
    // The signers (synthetic personas) are on the pages, never in the log.
    assertThat(log)
        .doesNotContain("8703141379")
        .doesNotContain("1205990451235")
        .doesNotContain("Петрова")
        .doesNotContain("Џамбазовски");
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "en, mk-qualified-pades.pdf, 'valid, a qualified electronic signature under the law of North"
        + " Macedonia', 'not a qualified signature under EU law'",
    "bg, bg-qualified-pades-lt.pdf, 'валиден, квалифициран електронен подпис по правото на ЕС',"
        + " 'Мария Петрова'",
    "mk, bg-tampered.pdf, 'невалиден', 'потпишаната содржина е променета по потпишувањето'"
  })
  void aClerkChecksASignedDocument(String language, String sample, String verdict, String detail)
      throws Exception {
    browser = Chromium.open(language);
    browser.get("http://localhost:" + port + "/?lang=" + language);
    shot("signature-upload-" + language);
    assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(language);
    browser
        .findElement(By.id("document"))
        .sendKeys(ROOT.resolve("trust-services/demo/samples").resolve(sample).toString());
    browser.findElement(By.cssSelector("button.primary")).click();
    new WebDriverWait(browser, Duration.ofSeconds(30))
        .until(d -> !d.findElements(By.cssSelector("section.signature")).isEmpty());
    String heading = browser.findElement(By.cssSelector("section.signature h2")).getText();
    assertThat(heading).contains(verdict);
    for (WebElement summary : browser.findElements(By.tagName("summary"))) {
      summary.click();
    }
    assertThat(browser.findElement(By.tagName("body")).getText())
        .contains(detail)
        .doesNotContain("Exception")
        .doesNotContain("{");
    WebElement pdf = browser.findElement(By.cssSelector("a[download='validation-summary.pdf']"));
    assertThat(pdf.getAttribute("href")).startsWith("data:application/pdf;base64,JVBER");
    WebElement report = browser.findElement(By.cssSelector("a[download='validation-report.xml']"));
    assertThat(report.getAttribute("href")).startsWith("data:application/xml;base64,");
    shot("signature-result-" + language);
  }

  private void shot(String name) throws IOException {
    browser.executeScript("window.scrollTo(0, 0);");
    Files.write(SCREENS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    assertThat(Accessibility.violations(browser)).as("axe-core on " + name).isEmpty();
    Object overflow =
        browser.executeScript(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
    assertThat(((Number) overflow).intValue()).as("horizontal scrolling on " + name).isZero();
  }
}
