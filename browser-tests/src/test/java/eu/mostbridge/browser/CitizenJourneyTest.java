package eu.mostbridge.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A citizen in headless Chromium, clicking through the demo in Bulgarian, Macedonian and English:
 * both directions, cancelling at each step, an error page. Every page is photographed (for
 * docs/screens) and checked with axe-core; Most's own pages also for their language and for message
 * keys shown instead of text. Third-party cookies are blocked throughout.
 */
class CitizenJourneyTest {
  private static final Path SCREENS = Path.of(System.getProperty("screens.dir", "target/screens"));
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static DemoServer demo;
  private static Set<String> messageKeys;

  private ChromeDriver browser;
  private String language;

  @BeforeAll
  static void startDemo() throws Exception {
    String missing =
        "Chromium is not installed (apt-get install chromium chromium-driver; .ci/run does)";
    // Skipped on a developer's machine without it; under CI (MOST_CI, set by .ci/run) a failure.
    if (System.getenv("MOST_CI") != null) {
      assertThat(Chromium.installed()).as(missing).isTrue();
    }
    assumeTrue(Chromium.installed(), missing);
    demo = DemoServer.start();
    Properties messages = new Properties();
    try (Reader in =
        Files.newBufferedReader(
            Path.of("..", "broker", "src", "main", "resources", "i18n", "messages.properties"),
            StandardCharsets.UTF_8)) {
      messages.load(in);
    }
    messageKeys = messages.stringPropertyNames();
    Files.createDirectories(SCREENS);
  }

  @AfterAll
  static void stopDemoAndReadItsLog() throws Exception {
    if (demo == null) {
      return;
    }
    demo.close();
    // What the citizens of these journeys are (synthetic), none of it in the demo's log.
    String log = Files.readString(DemoServer.LOG, StandardCharsets.UTF_8);
    assertThat(log)
        .containsPattern("most-demo \\S+ on JVM")
        .contains("DEMO: simulated national eIDs");
    assertThat(log)
        .doesNotContain("8703141379")
        .doesNotContain("1205990451235")
        .doesNotContain("Мария")
        .doesNotContain("Петрова")
        .doesNotContain("Ѓорѓи")
        .doesNotContain("Gjorgji");
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  private void open(String lang) throws IOException {
    this.language = lang;
    this.browser = Chromium.open(lang);
  }

  /** Checks the page the browser shows and saves its picture as {@code <name>-<language>.png}. */
  private void page(String name, boolean most) throws IOException {
    Files.write(
        SCREENS.resolve(name + "-" + language + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    assertThat(Accessibility.violations(browser)).as("axe-core on " + name).isEmpty();
    String lang = browser.findElement(By.tagName("html")).getAttribute("lang");
    assertThat(lang).as("lang of " + name).isNotBlank();
    if (most) {
      assertThat(lang).as("lang of " + name).isEqualTo(language);
      String text = browser.findElement(By.tagName("body")).getText();
      assertThat(messageKeys.stream().filter(key -> key.contains(".") || key.contains("_")))
          .as("message keys shown on " + name)
          .noneMatch(text::contains);
      assertThat(text).as(name).doesNotContain("{").doesNotContain("Exception");
      Object overflow =
          browser.executeScript(
              "return document.documentElement.scrollWidth -"
                  + " document.documentElement.clientWidth;");
      assertThat(((Number) overflow).intValue()).as("horizontal scrolling on " + name).isZero();
    }
  }

  private void waitFor(By element) {
    new WebDriverWait(browser, WAIT)
        .until(d -> !d.findElements(element).isEmpty() && d.findElement(element).isDisplayed());
  }

  private void click(By element) {
    waitFor(element);
    browser.findElement(element).click();
  }

  /** From the demo service's page to Most's choice of national eID, in this language. */
  private void startAt(String service) throws IOException {
    browser.get(demo.base() + "/demo/" + service + "/");
    page(service, false);
    new Select(browser.findElement(By.id("ui_locales"))).selectByValue(language);
    click(By.cssSelector("button.primary"));
    waitFor(By.cssSelector("button[value=continue]"));
    page("choose-" + service, true);
  }

  /**
   * From a demo service whose citizens have one national eID only (the Bulgarian municipality takes
   * Macedonians, who have eid.mk) straight to that eID: Most shows no choice to make.
   */
  private void startStraightAtTheOnlyEid(String service) throws IOException {
    browser.get(demo.base() + "/demo/" + service + "/");
    page(service, false);
    new Select(browser.findElement(By.id("ui_locales"))).selectByValue(language);
    click(By.cssSelector("button.primary"));
    new WebDriverWait(browser, WAIT).until(d -> d.getPageSource().contains("SIMULATOR"));
    assertThat(browser.findElements(By.cssSelector("button[value=continue]"))).isEmpty();
  }

  private void choose(String method) {
    click(By.id("method-" + method));
    click(By.cssSelector("button[value=continue]"));
    new WebDriverWait(browser, WAIT).until(d -> d.getPageSource().contains("SIMULATOR"));
  }

  private void simulator(String persona, String action) throws IOException {
    waitFor(By.id("persona-" + persona));
    page("simulator-" + persona, false);
    click(By.id("persona-" + persona));
    click(By.cssSelector("button[value=" + action + "]"));
  }

  private String result() throws IOException {
    new WebDriverWait(browser, WAIT).until(d -> d.getCurrentUrl().contains("/callback"));
    waitFor(By.tagName("main"));
    return browser.findElement(By.tagName("main")).getText();
  }

  /** The elements the Tab key visits from the top of the page, each one visible. */
  private List<String> focusOrder() {
    List<String> order = new ArrayList<>();
    browser.executeScript("document.activeElement.blur(); window.scrollTo(0, 0);");
    for (int i = 0; i < 12; i++) {
      new Actions(browser).sendKeys(Keys.TAB).perform();
      WebElement focused = browser.switchTo().activeElement();
      assertThat(focused.isDisplayed()).as("focused element visible").isTrue();
      String tag = focused.getTagName();
      String id = focused.getAttribute("id");
      String value = focused.getAttribute("value");
      order.add(
          tag
              + (id != null && !id.isEmpty()
                  ? "#" + id
                  : tag.equals("button") ? "[value=" + value + "]" : ""));
    }
    return order;
  }

  @ParameterizedTest
  @ValueSource(strings = {"bg", "mk", "en"})
  void aBulgarianCitizenLogsInToTheMacedonianServiceWithEAuth(String lang) throws Exception {
    open(lang);
    startAt("mk-service");
    Cookie cookie = browser.manage().getCookieNamed("most_browser");
    assertThat(cookie).isNotNull();
    assertThat(cookie.isHttpOnly()).isTrue();
    assertThat(cookie.getSameSite()).isEqualTo("Lax");
    assertThat(cookie.isSecure()).as("plain-http demo").isFalse();

    assertThat(focusOrder())
        .as("keyboard order on the choice page")
        .containsSubsequence(
            "input#method-bg-eauth", "button[value=continue]", "button[value=cancel]");

    choose("bg-eauth");
    assertThat(browser.getCurrentUrl())
        .as("the national eID is another site")
        .startsWith("http://127.0.0.1:");
    simulator("bg-maria", "login");
    waitFor(By.cssSelector("button[value=allow]"));
    page("consent-bg-citizen", true);
    String consent = browser.findElement(By.tagName("main")).getText();
    assertThat(consent).contains("Мария").contains("Maria").contains("Петрова").contains("Petrova");
    click(By.cssSelector("button[value=allow]"));

    String claims = result();
    page("result-mk-service", false);
    assertThat(claims).contains("Мария").contains("BG/MK/");
  }

  @ParameterizedTest
  @CsvSource({"bg, Гърция", "mk, Грција", "en, Greece"})
  void aGreekCitizenLogsInToTheMacedonianServiceThroughGreecesProxyService(
      String lang, String greece) throws Exception {
    open(lang);
    startAt("mk-service");
    String choice = browser.findElement(By.tagName("main")).getText();
    assertThat(choice).as("the member state named in the citizen's language").contains(greece);

    choose("el-eidas");
    simulator("el-eleni", "login");
    waitFor(By.cssSelector("button[value=allow]"));
    page("consent-el-citizen", true);
    String consent = browser.findElement(By.tagName("main")).getText();
    assertThat(consent)
        .contains("Ελένη")
        .contains("Eleni")
        .contains("Παπαδοπούλου")
        .contains("Papadopoulou");
    click(By.cssSelector("button[value=allow]"));

    String claims = result();
    assertThat(claims).contains("Papadopoulou").contains("EL/MK/");
  }

  @ParameterizedTest
  @ValueSource(strings = {"bg", "mk", "en"})
  void aMacedonianCitizenLogsInToTheBulgarianServiceWithEidMk(String lang) throws Exception {
    open(lang);
    startStraightAtTheOnlyEid("bg-service");
    simulator("mk-gjorgji", "login");
    waitFor(By.cssSelector("button[value=allow]"));
    page("consent-mk-citizen", true);
    String consent = browser.findElement(By.tagName("main")).getText();
    assertThat(consent).contains("Ѓорѓи").contains("Gjorgji");
    click(By.cssSelector("button[value=allow]"));

    String claims = result();
    page("result-bg-service", false);
    assertThat(claims).contains("Ѓорѓи").contains("MK/BG/");
  }

  @ParameterizedTest
  @ValueSource(strings = {"bg", "mk", "en"})
  void theCitizenMayCancelAtEveryStep(String lang) throws Exception {
    open(lang);
    // At the choice of national eID.
    startAt("mk-service");
    click(By.cssSelector("button[value=cancel]"));
    assertThat(result()).contains("access_denied");
    page("cancelled-at-choice", false);

    // At the national eID: the service hears access_denied, as from the choice.
    startAt("mk-service");
    choose("bg-mvr-eid");
    simulator("bg-maria", "cancel");
    assertThat(result()).contains("access_denied");

    // At consent.
    startAt("mk-service");
    choose("bg-mvr-eid");
    simulator("bg-maria", "login");
    click(By.cssSelector("button[value=deny]"));
    assertThat(result()).contains("access_denied");
  }

  @ParameterizedTest
  @ValueSource(strings = {"bg", "mk", "en"})
  void aLoginThatDoesNotExistGetsAPageNotATrace(String lang) throws Exception {
    open(lang);
    browser.get(demo.base() + "/login/no-such-login");
    waitFor(By.cssSelector("p.problem"));
    page("error-expired", true);
    assertThat(browser.findElement(By.cssSelector("[role=alert]")).getText()).isNotBlank();
  }

  /**
   * The eIDAS way, as a Bulgarian service's foreign citizen meets it: the service's connector posts
   * a signed eIDAS request to Most's identity provider for Macedonians, Most posts it again from
   * its own origin and goes straight to eid.mk (Macedonians have one eID), the consent page names
   * the service behind the connector, and the connector shows the eIDAS attributes it decrypted.
   */
  @ParameterizedTest
  @ValueSource(strings = {"bg", "mk", "en"})
  void aMacedonianCitizenReachesABulgarianServiceThroughTheEidasNetwork(String lang)
      throws Exception {
    open(lang);
    browser.get(demo.base() + "/sim/eidas-connector/");
    page("eidas-connector", false);
    click(By.partialLinkText("citizen of MK (HTTP-POST)"));
    new WebDriverWait(browser, WAIT).until(d -> d.getPageSource().contains("SIMULATOR"));
    simulator("mk-gjorgji", "login");
    waitFor(By.cssSelector("button[value=allow]"));
    page("consent-eidas", true);
    assertThat(browser.findElement(By.tagName("main")).getText())
        .contains("Ѓорѓи")
        .contains("Gjorgji")
        .as("the service that asks, through its connector")
        .contains("https://service.demo.bg/portal")
        .contains("Demo Bulgarian eIDAS node");
    click(By.cssSelector("button[value=allow]"));

    new WebDriverWait(browser, WAIT).until(d -> d.getCurrentUrl().contains("/eidas-connector/acs"));
    waitFor(By.tagName("main"));
    page("result-eidas-connector", false);
    assertThat(browser.findElement(By.tagName("main")).getText())
        .contains("Logged in via eIDAS")
        .contains("http://eidas.europa.eu/NotNotified/LoA/")
        .contains("MK/BG/")
        .contains("Ѓорѓи");
  }

  /** A Bulgarian citizen asked for over HTTP-Redirect cancels at the choice: a signed refusal. */
  @ParameterizedTest
  @ValueSource(strings = {"bg", "mk", "en"})
  void aCitizenWhoCancelsIsAnsweredWithASignedRefusal(String lang) throws Exception {
    open(lang);
    browser.get(demo.base() + "/sim/eidas-connector/");
    click(By.partialLinkText("citizen of BG (HTTP-Redirect)"));
    waitFor(By.cssSelector("button[value=continue]"));
    page("choose-eidas", true);
    click(By.cssSelector("button[value=cancel]"));

    new WebDriverWait(browser, WAIT).until(d -> d.getCurrentUrl().contains("/eidas-connector/acs"));
    waitFor(By.tagName("main"));
    assertThat(browser.findElement(By.tagName("main")).getText())
        .contains("Not logged in")
        .contains("urn:oasis:names:tc:SAML:2.0:status:RequestDenied");
  }
}
