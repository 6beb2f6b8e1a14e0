package eu.mostbridge.broker.security;

import static org.assertj.core.api.Assertions.assertThat;

import eu.mostbridge.broker.login.Browser;
import eu.mostbridge.broker.security.SamlAttackTest.Captured;
import eu.mostbridge.saml.SamlResponseValidator;
import eu.mostbridge.simulator.xml.Xml;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * eAuth's production answer through the broker's real ACS: an unsigned Response around an
 * AES-128-CBC assertion (the demo simulator's default shape). A citizen gets in; an attacker who
 * changes the ciphertext to use Most as a decryption oracle gets one identical refusal per forgery,
 * three per login before the login ends, and twenty per source before Most stops reading that
 * source's answers (FailedAnswerLimit.ORACLE_BOUND). Sources are told apart by X-Forwarded-For, as
 * a trusted reverse proxy would send it (the test profile trusts 127.0.0.1).
 */
@QuarkusTest
class EAuthProductionShapeTest {
  private static final String BASE = SamlAttackTest.BASE;
  private static final String ACS = BASE + "/callback/bg-eauth";
  private static final String SAML = "urn:oasis:names:tc:SAML:2.0:assertion";
  private static final String XENC = "http://www.w3.org/2001/04/xmlenc#";
  private static final String DS = "http://www.w3.org/2000/09/xmldsig#";
  private static final AtomicInteger HOSTS = new AtomicInteger(10);

  /** A source of its own for each test: the counts of one do not spill into another. */
  private static String newSource() {
    return "198.51.100." + HOSTS.incrementAndGet();
  }

  private static Captured genuine(String source) throws Exception {
    return SamlAttackTest.genuineAnswer(new Browser().from(source));
  }

  private static Browser.Page post(Captured captured, String xml) throws Exception {
    return captured
        .browser()
        .post(
            URI.create(ACS),
            Map.of(
                "SAMLResponse",
                Base64.getEncoder()
                    .encodeToString(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
  }

  private static String xml(Captured captured) {
    return new String(
        Xml.toBytes(captured.responseElement()), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The answer with one byte of its assertion's ciphertext changed at {@code position}. */
  private static String forged(Captured captured, int position, int difference) {
    Element data =
        (Element) captured.response().getElementsByTagNameNS(XENC, "EncryptedData").item(0);
    Element cipherData = Xml.first(data, XENC, "CipherData");
    Element value = Xml.first(cipherData, XENC, "CipherValue");
    String original = value.getTextContent();
    byte[] bytes = Base64.getMimeDecoder().decode(original.replaceAll("\\s", ""));
    int at = position >= 0 ? position : bytes.length + position;
    bytes[at] ^= (byte) difference;
    value.setTextContent(Base64.getEncoder().encodeToString(bytes));
    try {
      return xml(captured);
    } finally {
      value.setTextContent(original);
    }
  }

  @Test
  void aCitizenGetsInThroughTheUnsignedResponseAroundACbcAssertion() throws Exception {
    Captured captured = genuine(newSource());
    Element response = captured.responseElement();
    assertThat(Xml.first(response, DS, "Signature"))
        .as("eAuth does not sign the Response")
        .isNull();
    assertThat(Xml.first(response, SAML, "Assertion")).as("no plain assertion").isNull();
    Element method =
        (Element)
            ((Element) response.getElementsByTagNameNS(XENC, "EncryptedData").item(0))
                .getElementsByTagNameNS(XENC, "EncryptionMethod")
                .item(0);
    assertThat(method.getAttribute("Algorithm"))
        .isEqualTo("http://www.w3.org/2001/04/xmlenc#aes128-cbc");

    Browser.Page consent = post(captured, xml(captured));

    assertThat(consent.status()).isEqualTo(200);
    assertThat(consent.uri().getPath()).endsWith("/consent");
  }

  @Test
  void aLoginWithTheRevenueAgencysPikGetsAPageAskingForAnotherMethod() throws Exception {
    Captured captured =
        SamlAttackTest.genuineAnswer(new Browser().from(newSource()), "bg-elena-pik");

    Browser.Page page = post(captured, xml(captured));

    assertThat(page.status()).isEqualTo(400);
    assertThat(page.body()).contains("does not tell us your name");
    assertThat(page.body()).doesNotContain("Potrebitel").doesNotContain("Потребител");
    Browser.assertNoStackTrace(page);
    assertThat(TestLogs.auditEvents(captured.flowId()))
        .anyMatch(l -> l.contains("national.failed") && l.contains("PLACEHOLDER_IDENTITY"))
        .noneMatch(l -> l.contains("national.completed"));
  }

  @Test
  void forgedCiphertextsAreRefusedAlikeAndTheThirdEndsTheLogin() throws Exception {
    Captured captured = genuine(newSource());
    // A change near the end reaches the padding; one at the start garbles the XML's first block.
    List<Browser.Page> pages = new ArrayList<>();
    List<Duration> took = new ArrayList<>();
    for (String forgery : List.of(forged(captured, -17, 0x5a), forged(captured, 1, 0x01))) {
      long started = System.nanoTime();
      pages.add(post(captured, forgery));
      took.add(Duration.ofNanos(System.nanoTime() - started));
    }
    for (Browser.Page page : pages) {
      SamlAttackTest.assertRefused(page, captured.flowId());
    }
    assertThat(pages.get(0).status()).isEqualTo(pages.get(1).status());
    assertThat(pages.get(0).body()).as("the same page for both").isEqualTo(pages.get(1).body());
    assertThat(took)
        .allSatisfy(
            d -> assertThat(d).isGreaterThanOrEqualTo(SamlResponseValidator.UNIFORM_FAILURE_TIME));
    List<String> failed =
        TestLogs.auditEvents(captured.flowId()).stream()
            .filter(l -> l.contains("national.failed"))
            .toList();
    assertThat(failed).hasSize(2);
    assertThat(failed)
        .allSatisfy(
            line -> {
              assertThat(line).contains("BAD_SIGNATURE");
              assertThat(line).contains(SamlResponseValidator.UNAUTHENTIC_CIPHERTEXT);
            });

    Browser.Page third = post(captured, forged(captured, -1, 0x33));

    assertThat(third.uri().getHost()).as("back at the relying party").isEqualTo("portal.mk.test");
    assertThat(third.uri().getQuery()).contains("error=access_denied");
    assertThat(TestLogs.auditEvents(captured.flowId()))
        .anyMatch(l -> l.contains("national.failed_answers_exhausted"));
    Browser.Page genuineAfter = post(captured, xml(captured));
    SamlAttackTest.assertRefused(genuineAfter, null);
    assertThat(genuineAfter.body()).contains("No login in this browser is waiting");
  }

  @Test
  void forgeriesSentTogetherToOneLoginAreNotAllRead() throws Exception {
    Captured captured = genuine(newSource());
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<Browser.Page>> pages = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String forgery = forged(captured, -17, 0x21 + i);
        pages.add(pool.submit(() -> post(captured, forgery)));
      }
      for (java.util.concurrent.Future<Browser.Page> page : pages) {
        Browser.assertNoStackTrace(page.get());
      }
    } finally {
      pool.shutdownNow();
    }

    List<String> read =
        TestLogs.auditEvents(captured.flowId()).stream()
            .filter(l -> l.contains("national.failed\""))
            .toList();
    assertThat(read).as("answers decrypted for one login").hasSizeLessThanOrEqualTo(3);
    assertThat(TestLogs.auditEvents(captured.flowId()))
        .anyMatch(l -> l.contains("national.failed_answers_exhausted"));
  }

  @Test
  void aSourceThatUsedUpItsFailedAnswersIsNotReadUntilTheWindowPasses() throws Exception {
    String source = newSource();
    int failures = 0;
    Captured last = null;
    while (failures < 20) {
      last = genuine(source);
      for (int i = 0; i < 3 && failures < 20; i++, failures++) {
        post(last, forged(last, -17, 0x11 + i));
      }
    }
    Captured fresh = genuine(source);

    Browser.Page refused = post(fresh, xml(fresh));

    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.body()).contains("Too many answers");
    Browser.assertNoStackTrace(refused);
    assertThat(TestLogs.auditEvents(fresh.flowId()))
        .anyMatch(l -> l.contains("national.source_refused"))
        .noneMatch(l -> l.contains("national.completed"));

    Captured elsewhere = genuine(newSource());
    Browser.Page consent = post(elsewhere, xml(elsewhere));
    assertThat(consent.uri().getPath()).as("another source is read").endsWith("/consent");
  }
}
