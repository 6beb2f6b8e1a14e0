package eu.mostbridge.broker.security;

import static org.assertj.core.api.Assertions.assertThat;

import eu.mostbridge.broker.login.Browser;
import eu.mostbridge.broker.login.StartedLogin;
import eu.mostbridge.broker.web.BrowserCookies;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cookie that binds a login to a browser, attacked: planted values (session fixation), two
 * cookies of its name, its rotation; parallel logins in one browser; junk at a national callback;
 * steps of one login racing each other. Everything through the real endpoints and simulators.
 */
@QuarkusTest
class BrowserBindingTest {
  private static final String BASE = "http://localhost:8081";
  private static final String COOKIE = BrowserCookies.PLAIN_NAME;
  private static final String MK_PORTAL = "mk-ministry-portal";
  private static final String MK_PORTAL_CALLBACK = "https://portal.mk.test/callback";

  private static StartedLogin authorize(Browser browser, String client, String callback)
      throws Exception {
    return StartedLogin.begin(browser, BASE, client, callback, Map.of());
  }

  private static String flowId(StartedLogin started) {
    return started.page().uri().getPath().substring("/login/".length());
  }

  /** Chooses {@code method}: the page that sends the browser on to the national eID. */
  private static Browser.Page choose(StartedLogin started, String method) throws Exception {
    Browser.Page page = started.browser().choose(started.page(), method);
    if (page.body().contains("action=\"" + BASE + "/sim/")) {
      page = started.browser().submit(page, "/sim/", Map.of()); // the SAML HTTP-POST binding
    }
    assertThat(page.body()).contains("SIMULATOR");
    return page;
  }

  /**
   * {@code browser} authenticates as {@code persona} on the simulator's page {@code picker} and
   * brings the answer back to Most.
   */
  private static Browser.Page authenticate(Browser browser, Browser.Page picker, String persona)
      throws Exception {
    Browser.Page page =
        browser.submit(picker, "login", Map.of("persona", persona, "action", "login"));
    if (page.status() == 200 && page.body().contains("/callback/")) {
      page = browser.submit(page, "/callback/", Map.of()); // the SAML answer, posted back
    }
    return page;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "bg-eauth, mk-ministry-portal, https://portal.mk.test/callback, bg-maria, Maria",
    "bg-mvr-eid, mk-ministry-portal, https://portal.mk.test/callback, bg-maria, Maria",
    "mk-eid, bg-municipality, https://obshtina.bg.test/callback, mk-gjorgji, Gjorgji"
  })
  void aCookiePlantedInTheVictimsBrowserOpensNothingOnceTheVictimAuthenticates(
      String method, String client, String callback, String persona, String name) throws Exception {
    Browser attacker = new Browser();
    StartedLogin started = authorize(attacker, client, callback);
    Browser.Page nationalLink = choose(started, method);
    String planted = attacker.cookie(BASE, COOKIE).orElseThrow();

    // The attacker sets their own binding value in the victim's browser and hands the victim the
    // national eID's page of the attacker's login.
    Browser victim = new Browser().plant(BASE, COOKIE, planted);
    Browser.Page victimsConsent = authenticate(victim, nationalLink, persona);
    assertThat(victimsConsent.status()).as(victimsConsent.body()).isEqualTo(200);
    assertThat(victimsConsent.body()).contains(name);

    Browser.Page peek = attacker.get(BASE + "/login/" + flowId(started) + "/consent");
    assertThat(peek.status()).isEqualTo(403);
    assertThat(peek.body()).doesNotContain(name).contains("another browser");
    Browser.Page finish = attacker.submit(victimsConsent, "/consent", Map.of("action", "allow"));
    assertThat(finish.status()).isEqualTo(403);
    assertThat(finish.uri().getHost()).as("no code for the attacker").isEqualTo("localhost");
    assertThat(victim.cookie(BASE, COOKIE)).get().isNotEqualTo(planted);
  }

  @Test
  void aCookiePlantedBeforeTheVictimStartsALoginOpensNothingOfIt() throws Exception {
    Browser attacker = new Browser();
    authorize(attacker, MK_PORTAL, MK_PORTAL_CALLBACK);
    String planted = attacker.cookie(BASE, COOKIE).orElseThrow();

    Browser victim = new Browser().plant(BASE, COOKIE, planted);
    StartedLogin victims = authorize(victim, MK_PORTAL, MK_PORTAL_CALLBACK);
    assertThat(victims.page().status()).isEqualTo(200);
    assertThat(victim.cookie(BASE, COOKIE)).get().isNotEqualTo(planted);

    Browser.Page peek = attacker.get(victims.page().uri().toString());
    assertThat(peek.status()).isEqualTo(403);
    Browser.Page choose =
        attacker.submit(victims.page(), "/method", Map.of("method", "bg-eauth", "action", "x"));
    assertThat(choose.status()).isEqualTo(403);
  }

  @Test
  void parallelLoginsOfOneBrowserKeepTheirOwnKeysAndTheOldestGoesBeyondEight() throws Exception {
    Browser citizen = new Browser();
    List<StartedLogin> tabs = new ArrayList<>();
    for (int tab = 0; tab < BrowserCookies.MAX_KEYS + 1; tab++) {
      tabs.add(authorize(citizen, MK_PORTAL, MK_PORTAL_CALLBACK));
    }
    assertThat(citizen.get(tabs.get(0).page().uri().toString()).status())
        .as("the oldest login's key was dropped")
        .isEqualTo(403);
    for (StartedLogin tab : tabs.subList(1, tabs.size())) {
      assertThat(citizen.get(tab.page().uri().toString()).status()).isEqualTo(200);
    }
    assertThat(citizen.cookie(BASE, COOKIE).orElseThrow()).hasSizeLessThan(400);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/authorize", "/login/"})
  void aRequestCarryingTwoBindingCookiesIsRefused(String where) throws Exception {
    StartedLogin started = authorize(new Browser(), MK_PORTAL, MK_PORTAL_CALLBACK);
    String value = started.browser().cookie(BASE, COOKIE).orElseThrow();
    String target =
        where.equals("/authorize")
            ? BASE + "/authorize?" + started.page().uri().getRawQuery()
            : started.page().uri().toString();
    if (where.equals("/authorize")) {
      target =
          BASE
              + "/authorize?client_id="
              + MK_PORTAL
              + "&response_type=code&scope=openid&redirect_uri="
              + MK_PORTAL_CALLBACK
              + "&code_challenge="
              + Browser.s256("v".repeat(43))
              + "&code_challenge_method=S256";
    }
    String planted = "A".repeat(43);
    HttpResponse<String> refused =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(target))
                    .header("Cookie", COOKIE + "=" + value + "; " + COOKIE + "=" + planted)
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("two login cookies").doesNotContain("Exception");
    assertThat(refused.headers().firstValue("Location")).isEmpty();
    assertThat(TestLogs.auditEvents().get(TestLogs.auditEvents().size() - 1))
        .contains("login.cookie_conflict");
  }

  @ParameterizedTest
  @ValueSource(strings = {"bg-eauth", "bg-mvr-eid"})
  void twoTabsOfOneBrowserLogInWithTheSameNationalEid(String method) throws Exception {
    Browser citizen = new Browser();
    StartedLogin tabA = authorize(citizen, MK_PORTAL, MK_PORTAL_CALLBACK);
    StartedLogin tabB = authorize(citizen, MK_PORTAL, MK_PORTAL_CALLBACK);
    Browser.Page pickerA = choose(tabA, method);
    Browser.Page pickerB = choose(tabB, method);

    Browser.Page consentB = authenticate(citizen, pickerB, "bg-maria");
    Browser.Page consentA = authenticate(citizen, pickerA, "bg-maria");

    assertThat(consentB.uri().getPath()).isEqualTo("/login/" + flowId(tabB) + "/consent");
    assertThat(consentA.uri().getPath()).isEqualTo("/login/" + flowId(tabA) + "/consent");
    for (Browser.Page consent : List.of(consentA, consentB)) {
      Browser.Page back = citizen.submit(consent, "/consent", Map.of("action", "allow"));
      assertThat(back.query()).containsKey("code");
    }
  }

  @Test
  void junkPostedAtTheCallbackFromAnotherSiteLeavesTheLoginWaiting() throws Exception {
    Browser citizen = new Browser();
    StartedLogin started = authorize(citizen, MK_PORTAL, MK_PORTAL_CALLBACK);
    Browser.Page picker = choose(started, "bg-eauth");

    // Another site posts junk at the ACS; Most's re-post page sends it again with the cookie.
    Browser.Page repost =
        new Browser().post(URI.create(BASE + "/callback/bg-eauth"), Map.of("SAMLResponse", "PHg+"));
    Browser.Page junk = citizen.submit(repost, "/callback/", Map.of());
    assertThat(junk.status()).isEqualTo(400);
    assertThat(junk.body()).contains("No login in this browser is waiting");

    Browser.Page consent = authenticate(citizen, picker, "bg-maria");
    assertThat(consent.status()).as(consent.body()).isEqualTo(200);
    assertThat(consent.uri().getPath()).isEqualTo("/login/" + flowId(started) + "/consent");
  }

  /**
   * A language switch on the consent page racing the consent itself: the switch must never write
   * back the login the consent ended, so one national authentication gives one code.
   */
  @Test
  void aLanguageSwitchRacingTheConsentNeverBringsTheLoginBack() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(6);
    try {
      int codes = 0;
      int rounds = 12;
      for (int round = 0; round < rounds; round++) {
        Browser citizen = new Browser();
        StartedLogin started = authorize(citizen, MK_PORTAL, MK_PORTAL_CALLBACK);
        Browser.Page consent = authenticate(citizen, choose(started, "bg-mvr-eid"), "bg-maria");
        String consentUrl = consent.uri().toString();
        AtomicBoolean switching = new AtomicBoolean(true);
        List<Future<?>> switches = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          String lang = t % 2 == 0 ? "bg" : "mk";
          switches.add(
              threads.submit(
                  () -> {
                    while (switching.get()) {
                      citizen.get(consentUrl + "?lang=" + lang);
                    }
                    return null;
                  }));
        }
        Thread.sleep(20);
        List<Browser.Page> submits = new ArrayList<>();
        for (int submit = 0; submit < 3; submit++) {
          submits.add(citizen.submit(consent, "/consent", Map.of("action", "allow")));
          Thread.sleep(5);
        }
        switching.set(false);
        for (Future<?> f : switches) {
          f.get();
        }
        codes += (int) submits.stream().filter(p -> p.query().containsKey("code")).count();
        assertThat(citizen.get(consentUrl).status()).as("ended for good").isEqualTo(400);
      }
      assertThat(codes).as("one code per national authentication").isEqualTo(rounds);
    } finally {
      threads.shutdownNow();
    }
  }
}
