package eu.mostbridge.broker.eidas;

import static org.assertj.core.api.Assertions.assertThat;

import eu.mostbridge.broker.login.Browser;
import eu.mostbridge.broker.security.TestLogs;
import eu.mostbridge.demo.DemoConnectors;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.saml.eidas.AuthnRequestRefusal;
import eu.mostbridge.simulator.eidas.ConnectorSimulator;
import eu.mostbridge.simulator.eidas.EidasAnswer;
import eu.mostbridge.simulator.eidas.EidasRequest;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Logins through Most's eIDAS face over real HTTP, driven by the demo's connector simulator: a
 * Macedonian citizen over HTTP-POST and a Bulgarian one over HTTP-Redirect through every step
 * (choice, national eID, consent) to the decrypted attributes at the connector; refusals answered
 * with a signed error Response at the connector's ACS; requests that cannot be trusted answered
 * with a page, and audited.
 */
@QuarkusTest
class EidasLoginTest {
  private static final String BASE = "http://localhost:8081";
  private static final String CONNECTOR = BASE + "/sim/" + DemoConnectors.CONNECTOR;

  @Inject DemoConnectors connectors;
  @Inject ProxyServices services;

  /** From the connector's start to the page at its ACS. */
  private static Browser.Page login(
      Browser browser, String country, String binding, String method, String persona)
      throws Exception {
    Browser.Page page =
        browser.get(CONNECTOR + "/login?country=" + country + "&binding=" + binding);
    if ("post".equals(binding)) {
      page = browser.submit(page, "/eidas/" + country + "/sso", Map.of());
      // Posted from the connector's site, the request carries no cookie of Most's: Most posts it
      // again from its own origin.
      page = browser.submit(page, "/eidas/" + country + "/sso", Map.of());
    }
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    return throughNationalEid(browser, page, method, persona);
  }

  /** From Most's first login page to the consent page. */
  private static Browser.Page throughNationalEid(
      Browser browser, Browser.Page page, String method, String persona) throws Exception {
    page = browser.choose(page, method);
    if (page.body().contains("action=\"" + BASE + "/sim/")) {
      page = browser.submit(page, "/sim/", Map.of());
    }
    page = browser.submit(page, "login", Map.of("persona", persona, "action", "login"));
    if (page.body().contains("/callback/")) {
      page = browser.submit(page, "/callback/", Map.of());
    }
    return page;
  }

  @ParameterizedTest(name = "{0} over {1} with {2}")
  @CsvSource({
    "mk, post, mk-eid, mk-ljubica, Ljubica, http://eidas.europa.eu/NotNotified/LoA/",
    "bg, redirect, bg-eauth, bg-georgi, Georgi, http://eidas.europa.eu/LoA/",
  })
  void aCitizenLogsInAtABulgarianServiceThroughTheEidasNetwork(
      String country,
      String binding,
      String method,
      String persona,
      String givenName,
      String levelFamily)
      throws Exception {
    Browser browser = new Browser();
    Browser.Page consent = login(browser, country, binding, method, persona);
    assertThat(consent.body())
        .as("the consent page names the service behind the connector")
        .contains("https://service.demo.bg/portal")
        .contains("Demo Bulgarian eIDAS node")
        .as("the pseudonym is the connector's, shared by the services behind it")
        .contains("pseudonym made for Demo Bulgarian eIDAS node:");

    int before = TestLogs.auditEvents().size();
    Browser.Page toConnector = browser.submit(consent, "/consent", Map.of("action", "allow"));
    assertThat(toConnector.form("/acs")).containsKeys("SAMLResponse", "RelayState");
    List<String> events = TestLogs.auditEvents();
    List<String> ours = events.subList(before, events.size());
    int consented = indexOf(ours, "\"consent.given\"");
    int sent = indexOf(ours, "\"eidas.answer.sent\"");
    assertThat(consented).as("consent given: %s", ours).isNotNegative();
    assertThat(sent)
        .as("the answer is recorded as sent after the consent")
        .isGreaterThan(consented);
    Browser.Page result = browser.submit(toConnector, "/acs", Map.of());

    assertThat(result.status()).as(result.body()).isEqualTo(200);
    assertThat(Browser.unescape(result.body()))
        .contains("Logged in via eIDAS")
        .contains(levelFamily)
        .contains(country.toUpperCase(java.util.Locale.ROOT) + "/BG/")
        .contains(givenName)
        .contains("DateOfBirth");
  }

  @Test
  void aCitizenWhoCancelsIsAnsweredRequestDenied() throws Exception {
    Browser browser = new Browser();
    Browser.Page page = browser.get(CONNECTOR + "/login?country=bg&binding=redirect");
    Browser.Page toConnector = browser.submit(page, "/method", Map.of("action", "cancel"));
    Browser.Page result = browser.submit(toConnector, "/acs", Map.of());

    assertThat(result.body())
        .contains("Not logged in")
        .contains("urn:oasis:names:tc:SAML:2.0:status:Responder")
        .contains("urn:oasis:names:tc:SAML:2.0:status:RequestDenied");
  }

  /** A request signed by the demo connector, changed by {@code change}, posted with a cookie. */
  private Browser.Page post(Browser browser, String country, Consumer<EidasRequest> change)
      throws Exception {
    ConnectorSimulator connector = connectors.connector();
    EidasRequest request =
        new EidasRequest(connector.entityId(), BASE + "/eidas/" + country + "/sso");
    change.accept(request);
    return resubmitted(
        browser,
        browser.post(
            URI.create(BASE + "/eidas/" + country + "/sso"),
            request.toPostForm(connector.signingKeys(), "r1")));
  }

  /** The page after Most's same-origin re-post of a cross-site form, if it asked for one. */
  private static Browser.Page resubmitted(Browser browser, Browser.Page page) throws Exception {
    return page.body().contains("most_resubmitted")
        ? browser.submit(page, "/eidas/", Map.of())
        : page;
  }

  private EidasAnswer answerAtAcs(Browser.Page page, String country, String requestId) {
    Map<String, String> form = page.form("/acs");
    return EidasAnswer.read(
        Base64.getMimeDecoder().decode(form.get("SAMLResponse")),
        new EidasAnswer.Expected(
            BASE + "/eidas/" + country + "/metadata",
            List.of(
                services
                    .of(CountryCode.of(country.toUpperCase(java.util.Locale.ROOT)))
                    .orElseThrow()
                    .signing()
                    .getEntityCertificate()),
            CONNECTOR + "/acs",
            requestId,
            connectors.connector().entityId(),
            connectors.connector().encryptionKeys().privateKey()),
        Instant.now());
  }

  @Test
  void aLevelNoMacedonianEidReachesIsASignedNoAuthnContext() throws Exception {
    String[] id = new String[1];
    Browser.Page page =
        post(
            new Browser(),
            "mk",
            request -> {
              id[0] = request.id;
              request.levels = List.of("http://eidas.europa.eu/LoA/high");
            });

    EidasAnswer answer = answerAtAcs(page, "mk", id[0]);

    assertThat(answer.status()).isEqualTo(AuthnRequestRefusal.REQUESTER);
    assertThat(answer.subStatus()).contains(AuthnRequestRefusal.NO_AUTHN_CONTEXT);
    assertThat(page.form("/acs")).containsEntry("RelayState", "r1");
  }

  @Test
  void aRequestBreakingTheProfileIsASignedRequesterError() throws Exception {
    String[] id = new String[1];
    Browser.Page page =
        post(
            new Browser(),
            "bg",
            request -> {
              id[0] = request.id;
              request.forceAuthn = "false";
            });

    EidasAnswer answer = answerAtAcs(page, "bg", id[0]);

    assertThat(answer.status()).isEqualTo(AuthnRequestRefusal.REQUESTER);
    assertThat(answer.message().orElseThrow()).contains("ForceAuthn");
  }

  @Test
  void anAttributeRequiredButUnknownIsAResponderErrorAfterConsent() throws Exception {
    Browser browser = new Browser();
    String[] id = new String[1];
    Browser.Page first =
        post(
            browser,
            "mk",
            request -> {
              id[0] = request.id;
              request.comparison = "exact";
              request.levels = List.of("http://eidas.europa.eu/NotNotified/LoA/substantial");
              request.attributes.put("BirthName", true);
            });
    Browser.Page consent = throughNationalEid(browser, first, "mk-eid", "mk-ljubica");

    int before = TestLogs.auditEvents().size();
    Browser.Page toConnector = browser.submit(consent, "/consent", Map.of("action", "allow"));
    EidasAnswer answer = answerAtAcs(toConnector, "mk", id[0]);

    assertThat(answer.status()).isEqualTo(AuthnRequestRefusal.RESPONDER);
    assertThat(answer.message().orElseThrow())
        .contains("Mandatory attribute not found: [BirthName]");
    List<String> events = TestLogs.auditEvents();
    assertThat(events.subList(before, events.size()))
        .as("ended as a refusal, not a consent given")
        .anyMatch(event -> event.contains("Mandatory attribute not found"))
        .noneMatch(event -> event.contains("consent.given"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "an unknown issuer, issuer, unknown-issuer",
    "an unsigned request, unsigned, unsigned",
    "another destination, destination, destination",
    "a replay, replay, replay",
  })
  void anUntrustedRequestGetsAPageAndAnAuditEvent(String name, String fault, String rule)
      throws Exception {
    Browser browser = new Browser();
    Consumer<EidasRequest> change =
        switch (fault) {
          case "issuer" -> r -> r.issuer = "https://evil.example/metadata";
          case "unsigned" -> r -> r.signed = false;
          case "destination" -> r -> r.destination = BASE + "/eidas/mk/sso";
          default -> r -> r.id = "_replayed-" + name.hashCode();
        };
    if ("replay".equals(fault)) {
      post(browser, "bg", change);
    }

    Browser.Page page = post(browser, "bg", change);

    assertThat(page.status()).isEqualTo(400);
    assertThat(page.body()).contains("eIDAS").doesNotContain("SAMLResponse");
    Browser.assertNoStackTrace(page);
    List<String> events = TestLogs.auditEvents();
    assertThat(events.get(events.size() - 1)).contains("eidas.request.refused").contains(rule);
  }

  @Test
  void oddInputIsAPageNeverAServerError() throws Exception {
    Browser browser = new Browser();
    for (Browser.Page page :
        List.of(
            browser.get(BASE + "/eidas/bg/sso"),
            browser.get(BASE + "/eidas/bg/sso?SAMLRequest=%25%25%25"),
            browser.get(BASE + "/eidas/xx/sso?SAMLRequest=x"),
            resubmitted(
                browser,
                browser.post(
                    URI.create(BASE + "/eidas/bg/sso"), Map.of("SAMLRequest", "not-base64!"))),
            resubmitted(
                browser,
                browser.post(
                    URI.create(BASE + "/eidas/bg/sso"),
                    Map.of("SAMLRequest", "PHg+", "RelayState", "r".repeat(100)))))) {
      assertThat(page.status()).as(page.body()).isBetween(400, 499);
      Browser.assertNoStackTrace(page);
    }
  }

  private static int indexOf(List<String> events, String name) {
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i).contains(name)) {
        return i;
      }
    }
    return -1;
  }
}
