package eu.mostbridge.broker.security;

import static org.assertj.core.api.Assertions.assertThat;

import eu.mostbridge.broker.login.Browser;
import eu.mostbridge.demo.DemoNationalEids;
import eu.mostbridge.saml.ServiceProviderIdentity;
import eu.mostbridge.simulator.SimulatorKeys;
import eu.mostbridge.simulator.saml.SamlIdpSimulator;
import eu.mostbridge.simulator.saml.SamlMisbehaviour;
import eu.mostbridge.simulator.xml.EnvelopedSignature;
import eu.mostbridge.simulator.xml.Xml;
import eu.mostbridge.simulator.xml.XmlEncryption;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.zip.Deflater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Every known attack on a SAML service provider, sent to the broker's real assertion consumer
 * service ({@code /callback/bg-eauth}) inside a real login, from a legitimately signed answer of
 * the eAuth simulator that the test then tampers with. Each must end in the citizen's error page
 * (never a code for the relying party, never a 5xx, never a stack trace) and an audit event.
 * docs/SECURITY.md lists them with their expected and observed results.
 *
 * <p>The simulator answers in eAuth's test-system shape here (the signed assertion in plain), so
 * that each attack changes exactly what it means to; in the production shape the assertion is
 * encrypted and every change to it is refused alike ({@link EAuthProductionShapeTest}).
 */
@QuarkusTest
@TestProfile(SamlAttackTest.TestSystemShape.class)
class SamlAttackTest {
  /** The demo's eAuth simulator in its test-system shape. */
  public static class TestSystemShape implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("most.demo.eauth-shape", "TEST_SYSTEM");
    }
  }

  static final String BASE = "http://localhost:8081";
  private static final String ACS = BASE + "/callback/bg-eauth";
  private static final String SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol";
  private static final String SAML = "urn:oasis:names:tc:SAML:2.0:assertion";
  private static final String DS = "http://www.w3.org/2000/09/xmldsig#";

  /** What the eIDAS profile signs with; a re-signed answer must only be wrong in what it tests. */
  private static final String RSA_PSS = "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1";

  private static final String MARIA = "8703141379";
  private static final String GEORGI = "0347214827";

  @Inject DemoNationalEids demo;

  @AfterEach
  void behave() {
    eauth().misbehave(Set.of());
  }

  private SamlIdpSimulator eauth() {
    return (SamlIdpSimulator) demo.simulator(DemoNationalEids.EAUTH).orElseThrow();
  }

  /** A login waiting at the ACS, and the genuine answer the simulator gave it. */
  record Captured(Browser browser, String flowId, Document response) {
    Element responseElement() {
      return response.getDocumentElement();
    }

    Element assertion() {
      return Xml.first(responseElement(), SAML, "Assertion");
    }
  }

  /** Logs in as Maria up to the moment her browser would post eAuth's answer to Most. */
  static Captured genuineAnswer() throws Exception {
    return genuineAnswer(new Browser());
  }

  /** As {@link #genuineAnswer()}, in {@code browser}. */
  static Captured genuineAnswer(Browser browser) throws Exception {
    return genuineAnswer(browser, "bg-maria");
  }

  /** As {@link #genuineAnswer()}, in {@code browser}, as {@code persona}. */
  static Captured genuineAnswer(Browser browser, String persona) throws Exception {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("client_id", "mk-ministry-portal");
    query.put("response_type", "code");
    query.put("scope", "openid");
    query.put("redirect_uri", "https://portal.mk.test/callback");
    query.put("state", "s");
    query.put("code_challenge", Browser.s256("v".repeat(43)));
    query.put("code_challenge_method", "S256");
    Browser.Page choose = browser.get(BASE + "/authorize?" + Browser.query(query));
    String flowId = choose.uri().getPath().substring("/login/".length());
    Browser.Page post =
        browser.submit(choose, "/method", Map.of("method", "bg-eauth", "action", "continue"));
    Browser.Page picker = browser.submit(post, "/sim/", Map.of());
    Browser.Page answer =
        browser.submit(picker, "login", Map.of("persona", persona, "action", "login"));
    byte[] xml = Base64.getDecoder().decode(answer.form("/callback/").get("SAMLResponse"));
    return new Captured(browser, flowId, Xml.parse(xml));
  }

  private static Browser.Page send(Captured captured, byte[] xml) throws Exception {
    return captured
        .browser()
        .post(URI.create(ACS), Map.of("SAMLResponse", Base64.getEncoder().encodeToString(xml)));
  }

  private static Browser.Page send(Captured captured) throws Exception {
    return send(captured, Xml.toBytes(captured.responseElement()));
  }

  /**
   * The answer was refused: an error page for the citizen, no code, an audit event (for the login
   * when the answer found it, else a {@code national.unsolicited} event: an answer Most cannot
   * read, or one naming a request no login waits for, finds no login at all).
   *
   * @return the audit event's reason and detail, for the caller to check it was refused for the
   *     right reason
   */
  static String assertRefused(Browser.Page page, String flowId) throws Exception {
    assertThat(page.status()).as(page.body()).isBetween(400, 499);
    assertThat(page.uri().getHost()).as("not sent on to the relying party").isEqualTo("localhost");
    assertThat(page.body()).contains("The login could not be completed");
    Browser.assertNoStackTrace(page);
    if (flowId == null) {
      return "";
    }
    List<String> events = TestLogs.auditEvents();
    String event =
        TestLogs.auditEvents(flowId).stream()
            .filter(line -> line.contains("national.failed"))
            .findFirst()
            .orElseGet(
                () -> {
                  assertThat(page.body()).contains("No login in this browser is waiting");
                  return events.stream()
                      .filter(line -> line.contains("national.unsolicited"))
                      .reduce((first, second) -> second)
                      .orElseThrow(() -> new AssertionError("no audit event for " + flowId));
                });
    String reason =
        event.replaceAll(
            ".*\"reason\":\"([A-Z_]+)\",\"detail\":\"(.*?)\",\"relaxations.*", "$1: $2");
    String test =
        StackWalker.getInstance()
            .walk(
                frames ->
                    frames
                        .map(StackWalker.StackFrame::getMethodName)
                        .filter(n -> !n.equals("assertRefused") && !n.equals("attack"))
                        .findFirst()
                        .orElse("?"));
    System.out.println("REFUSED " + test + " -> " + reason);
    return reason;
  }

  /**
   * The login the refused answer was posted to still waits: the genuine answer, posted after it,
   * completes it (junk at the callback never ends a citizen's login).
   */
  static void assertTheGenuineAnswerStillCompletes(Captured captured, byte[] genuine)
      throws Exception {
    Browser.Page consent = send(captured, genuine);
    assertThat(consent.status()).as(consent.body()).isEqualTo(200);
    assertThat(consent.uri().getPath()).isEqualTo("/login/" + captured.flowId() + "/consent");
  }

  private String attack(Consumer<Captured> tamper) throws Exception {
    Captured captured = genuineAnswer();
    byte[] genuine = Xml.toBytes(captured.responseElement());
    tamper.accept(captured);
    String reason = assertRefused(send(captured), captured.flowId());
    assertTheGenuineAnswerStillCompletes(captured, genuine);
    return reason;
  }

  // --- building blocks --------------------------------------------------------------------------

  /** The signed assertion's copy, unsigned, for Georgi instead of Maria, with a new ID. */
  private static Element evilAssertion(Captured captured) {
    Element evil = (Element) captured.assertion().cloneNode(true);
    Element signature = Xml.first(evil, DS, "Signature");
    if (signature != null) {
      evil.removeChild(signature);
    }
    evil.setAttribute("ID", "_evil" + UUID.randomUUID());
    replaceText(evil, MARIA, GEORGI);
    replaceText(evil, "Мария", "Георги");
    return evil;
  }

  private static void replaceText(Node node, String from, String to) {
    if (node.getNodeType() == Node.TEXT_NODE && node.getNodeValue().contains(from)) {
      node.setNodeValue(node.getNodeValue().replace(from, to));
    }
    NodeList children = node.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      replaceText(children.item(i), from, to);
    }
  }

  private static Element signatureOf(Element element) {
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element e
          && DS.equals(e.getNamespaceURI())
          && "Signature".equals(e.getLocalName())) {
        return e;
      }
    }
    throw new AssertionError("No signature on " + element.getLocalName());
  }

  private static Element object(Document document, Node content) {
    Element object = document.createElementNS(DS, "ds:Object");
    object.appendChild(content);
    return object;
  }

  /** Signs {@code element} again, after the caller changed it, with {@code keys}. */
  private static void resign(Element element, SimulatorKeys keys) {
    Element old = Xml.first(element, DS, "Signature");
    if (old != null) {
      element.removeChild(old);
    }
    Element issuer = Xml.first(element, SAML, "Issuer");
    EnvelopedSignature.sign(
        element,
        issuer.getNextSibling(),
        keys.privateKey(),
        keys.certificate(),
        RSA_PSS,
        EnvelopedSignature.digestFor(RSA_PSS));
  }

  /** Re-reads the document so namespace declarations are attributes before signing. */
  private static Captured reparsed(Captured captured) throws Exception {
    return new Captured(
        captured.browser(), captured.flowId(), Xml.parse(Xml.toBytes(captured.responseElement())));
  }

  // --- XML Signature Wrapping (SAML Raider's XSW1-XSW8; Somorovsky et al. 2012) ------------------

  @Test
  void xsw1EvilResponseWithTheSignedOriginalInsideItsSignature() throws Exception {
    Captured captured = reparsed(genuineAnswer());
    resign(captured.responseElement(), demo.eauthSigningKeys()); // now the Response is signed
    Element original = captured.responseElement();
    Element evil = (Element) original.cloneNode(true);
    Element copiedSignature = signatureOf(evil);
    evil.replaceChild(evilAssertion(captured), Xml.first(evil, SAML, "Assertion"));
    evil.setAttribute("ID", "_evil" + UUID.randomUUID());
    copiedSignature.appendChild(object(captured.response(), original.cloneNode(true)));
    captured.response().replaceChild(evil, original);

    assertThat(assertRefused(send(captured), captured.flowId()))
        .startsWith("BAD_SIGNATURE")
        .contains("Reference URI");
  }

  @Test
  void xsw2EvilResponseWithTheSignedOriginalBeforeItsSignature() throws Exception {
    Captured captured = reparsed(genuineAnswer());
    resign(captured.responseElement(), demo.eauthSigningKeys());
    Element original = captured.responseElement();
    Element evil = (Element) original.cloneNode(true);
    Element copiedSignature = signatureOf(evil);
    evil.replaceChild(evilAssertion(captured), Xml.first(evil, SAML, "Assertion"));
    evil.setAttribute("ID", "_evil" + UUID.randomUUID());
    evil.insertBefore(original.cloneNode(true), copiedSignature);
    captured.response().replaceChild(evil, original);

    assertThat(assertRefused(send(captured), captured.flowId()))
        .startsWith("BAD_SIGNATURE")
        .contains("Reference URI");
  }

  @Test
  void xsw3EvilAssertionBeforeTheSignedOne() throws Exception {
    assertThat(attack(c -> c.responseElement().insertBefore(evilAssertion(c), c.assertion())))
        .startsWith("MALFORMED_ANSWER: The Response must carry exactly one assertion");
  }

  @Test
  void xsw4EvilAssertionWrappingTheSignedOne() throws Exception {
    assertThat(
            attack(
                c -> {
                  Element original = c.assertion();
                  Element evil = evilAssertion(c);
                  c.responseElement().replaceChild(evil, original);
                  evil.appendChild(original);
                }))
        .startsWith("BAD_SIGNATURE: The assertion is not signed");
  }

  @Test
  void xsw5SignatureMovedToTheEvilAssertionOriginalAfterIt() throws Exception {
    assertThat(
            attack(
                c -> {
                  Element original = c.assertion();
                  Element evil = evilAssertion(c);
                  Element signature = signatureOf(original);
                  original.removeChild(signature);
                  evil.insertBefore(signature, Xml.first(evil, SAML, "Issuer").getNextSibling());
                  c.responseElement().insertBefore(evil, original);
                }))
        .startsWith("MALFORMED_ANSWER: The Response must carry exactly one assertion");
  }

  @Test
  void xsw6OriginalInsideTheEvilAssertionsCopiedSignature() throws Exception {
    assertThat(
            attack(
                c -> {
                  Element original = c.assertion();
                  Element evil = evilAssertion(c);
                  Element signature = (Element) signatureOf(original).cloneNode(true);
                  evil.insertBefore(signature, Xml.first(evil, SAML, "Issuer").getNextSibling());
                  c.responseElement().replaceChild(evil, original);
                  signature.appendChild(object(c.response(), original));
                }))
        .startsWith("BAD_SIGNATURE")
        .contains("Reference URI");
  }

  @Test
  void xsw7OriginalInExtensionsEvilAssertionOutside() throws Exception {
    assertThat(
            attack(
                c -> {
                  Element original = c.assertion();
                  Element extensions = c.response().createElementNS(SAMLP, "saml2p:Extensions");
                  c.responseElement().replaceChild(evilAssertion(c), original);
                  extensions.appendChild(original);
                  c.responseElement()
                      .insertBefore(
                          extensions,
                          Xml.first(c.responseElement(), SAML, "Issuer").getNextSibling());
                }))
        .startsWith("BAD_SIGNATURE: The assertion is not signed");
  }

  @Test
  void xsw8EvilAssertionSignatureHoldsTheUnsignedOriginalInAnObject() throws Exception {
    assertThat(
            attack(
                c -> {
                  Element original = c.assertion();
                  Element evil = evilAssertion(c);
                  Element signature = signatureOf(original);
                  original.removeChild(signature);
                  evil.insertBefore(signature, Xml.first(evil, SAML, "Issuer").getNextSibling());
                  c.responseElement().replaceChild(evil, original);
                  signature.appendChild(object(c.response(), original));
                }))
        .startsWith("BAD_SIGNATURE")
        .contains("Reference URI");
  }

  @Test
  void aSecondUnsignedAssertionBesideTheSignedOne() throws Exception {
    assertThat(attack(c -> c.responseElement().appendChild(evilAssertion(c))))
        .startsWith("MALFORMED_ANSWER: The Response must carry exactly one assertion");
  }

  // --- Signature stripping ----------------------------------------------------------------------

  @Test
  void theAssertionsSignatureStripped() throws Exception {
    assertThat(attack(c -> c.assertion().removeChild(signatureOf(c.assertion()))))
        .startsWith("BAD_SIGNATURE: The assertion is not signed");
  }

  @Test
  void bothSignaturesStripped() throws Exception {
    Captured captured = reparsed(genuineAnswer());
    resign(captured.responseElement(), demo.eauthSigningKeys());
    captured.responseElement().removeChild(signatureOf(captured.responseElement()));
    captured.assertion().removeChild(signatureOf(captured.assertion()));

    assertThat(assertRefused(send(captured), captured.flowId()))
        .startsWith("BAD_SIGNATURE: The assertion is not signed");
  }

  // --- Comments, entities, size -----------------------------------------------------------------

  @Test
  void aCommentInsideASignedValueIsRefusedNotTruncated() throws Exception {
    // Exclusive C14N without comments ignores comments: the signature still verifies. A reader
    // taking the first text node would read "870314" only. Most refuses comments outright.
    assertThat(
            attack(
                c -> {
                  Node text = findText(c.assertion(), MARIA);
                  Node tail =
                      ((org.w3c.dom.Text) text).splitText(text.getNodeValue().indexOf(MARIA) + 6);
                  text.getParentNode().insertBefore(c.response().createComment("x"), tail);
                }))
        .startsWith("MALFORMED_ANSWER: The message contains an XML comment");
  }

  private static Node findText(Node node, String value) {
    if (node.getNodeType() == Node.TEXT_NODE && node.getNodeValue().contains(value)) {
      return node;
    }
    for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
      Node found = findText(child, value);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static byte[] withPrologue(Captured captured, String prologue) {
    String xml = new String(Xml.toBytes(captured.responseElement()), StandardCharsets.UTF_8);
    xml = xml.replaceFirst("^<\\?xml[^>]*\\?>", "");
    return (prologue + xml).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void anExternalEntityIsNeverResolved() throws Exception {
    Captured captured = genuineAnswer();
    byte[] xml =
        withPrologue(captured, "<!DOCTYPE r [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>");

    Browser.Page page = send(captured, xml);

    assertThat(assertRefused(page, captured.flowId()))
        .startsWith("MALFORMED_ANSWER")
        .contains("DOCTYPE is disallowed");
    assertThat(page.body()).doesNotContain("root:");
    assertTheGenuineAnswerStillCompletes(captured, Xml.toBytes(captured.responseElement()));
  }

  @Test
  void entityExpansionIsRefusedAtOnce() throws Exception {
    Captured captured = genuineAnswer();
    StringBuilder laughs = new StringBuilder("<!DOCTYPE r [<!ENTITY l0 \"lol\">");
    for (int i = 1; i < 10; i++) {
      laughs.append("<!ENTITY l").append(i).append(" \"");
      laughs.append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
    }
    laughs.append("]>");

    assertThat(
            assertRefused(
                send(captured, withPrologue(captured, laughs.toString())), captured.flowId()))
        .startsWith("MALFORMED_ANSWER")
        .contains("DOCTYPE is disallowed");
    assertTheGenuineAnswerStillCompletes(captured, Xml.toBytes(captured.responseElement()));
  }

  @Test
  void aDeeplyNestedDocumentIsRefused() throws Exception {
    assertThat(
            attack(
                c -> {
                  Node parent = Xml.first(c.assertion(), SAML, "AttributeStatement");
                  for (int i = 0; i < 200; i++) {
                    Element nested = c.response().createElementNS(SAML, "saml2:Advice");
                    parent.appendChild(nested);
                    parent = nested;
                  }
                }))
        .startsWith("MALFORMED_ANSWER")
        .contains("maxElementDepth");
  }

  @Test
  void anOversizedAnswerIsRefusedWithoutAServerError() throws Exception {
    Captured captured = genuineAnswer();
    Browser.Page large =
        captured.browser().post(URI.create(ACS), Map.of("SAMLResponse", "A".repeat(300 * 1024)));
    assertThat(large.status()).isBetween(400, 499);
    Browser.assertNoStackTrace(large);

    // Beyond the body limit (512 KiB) the server answers 413 and closes the connection while the
    // client may still be sending; the client then sometimes sees only the closed connection.
    // Either way the answer is refused, never a 5xx, never a hang.
    try {
      Browser.Page huge =
          captured.browser().post(URI.create(ACS), Map.of("SAMLResponse", "A".repeat(700 * 1024)));
      assertThat(huge.status()).isEqualTo(413);
      Browser.assertNoStackTrace(huge);
    } catch (java.io.IOException closedByTheServer) {
      assertThat(closedByTheServer).hasMessageNotContaining("timed out");
    }
    assertTheGenuineAnswerStillCompletes(captured, Xml.toBytes(captured.responseElement()));
  }

  @Test
  void aDeflateBombOnTheRedirectBindingIsRefused() throws Exception {
    Captured captured = genuineAnswer();
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    // 2 MiB of zeros deflate to about 2 KiB: a URL short enough for the server to read.
    deflater.setInput(new byte[2 * 1024 * 1024]);
    deflater.finish();
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    while (!deflater.finished()) {
      compressed.write(buffer, 0, deflater.deflate(buffer));
    }
    String bomb =
        URLEncoder.encode(
            Base64.getEncoder().encodeToString(compressed.toByteArray()), StandardCharsets.UTF_8);

    Browser.Page page = captured.browser().get(ACS + "?SAMLResponse=" + bomb);

    assertThat(assertRefused(page, captured.flowId()))
        .startsWith("MALFORMED_ANSWER: SAML answers come by HTTP-POST only");
    assertTheGenuineAnswerStillCompletes(captured, Xml.toBytes(captured.responseElement()));
  }

  // --- Keys and algorithms ----------------------------------------------------------------------

  @Test
  void aSignatureByTheKeyInKeyInfoIsNotTrusted() throws Exception {
    SimulatorKeys attacker = SimulatorKeys.rsa("eAuth simulator"); // same name, another key
    Captured captured = reparsed(genuineAnswer());
    replaceText(captured.assertion(), MARIA, GEORGI);
    resign(captured.assertion(), attacker);

    assertThat(assertRefused(send(captured), captured.flowId()))
        .startsWith("BAD_SIGNATURE")
        .contains("does not verify with any key configured");
  }

  private String encryptedAssertion(String dataAlgorithm, String keyTransport) throws Exception {
    ServiceProviderIdentity sp = demo.samlServiceProviders().get("bg-eauth");
    Captured captured = reparsed(genuineAnswer());
    Element assertion = captured.assertion();
    Element encrypted = captured.response().createElementNS(SAML, "saml2:EncryptedAssertion");
    encrypted.appendChild(
        XmlEncryption.encrypt(
            captured.response(),
            Xml.toBytes(assertion),
            sp.decryption().get(0).getEntityCertificate(),
            dataAlgorithm,
            keyTransport));
    captured.responseElement().replaceChild(encrypted, assertion);

    return assertRefused(send(captured), captured.flowId());
  }

  @Test
  void aesCbcEncryptionIsRefusedWhereThePeerHasNoException() throws Exception {
    assertThat(encryptedAssertion(XmlEncryption.AES128_CBC, XmlEncryption.RSA_OAEP))
        .startsWith("BAD_SIGNATURE")
        .contains("aes128-cbc");
  }

  @Test
  void rsaPkcs1KeyTransportIsRefused() throws Exception {
    assertThat(encryptedAssertion(XmlEncryption.AES256_GCM, XmlEncryption.RSA_1_5))
        .startsWith("BAD_SIGNATURE")
        .contains("rsa-1_5");
  }

  // --- Replay, correlation, addressing, time ----------------------------------------------------

  @Test
  void theSameAnswerTwiceIsRefusedTheSecondTime() throws Exception {
    Captured captured = genuineAnswer();
    byte[] xml = Xml.toBytes(captured.responseElement());
    Browser.Page first = send(captured, xml);
    assertThat(first.body()).contains("Maria Shtereva");

    assertRefused(send(captured, xml), null);
  }

  @Test
  void aUsedAssertionInAFreshResponseIsRefused() throws Exception {
    Captured used = genuineAnswer();
    send(used);
    Captured fresh = genuineAnswer();
    Node old = fresh.response().importNode(used.assertion(), true);
    fresh.responseElement().replaceChild(old, fresh.assertion());

    assertThat(assertRefused(send(fresh), fresh.flowId())).startsWith("WRONG_PARTY");
  }

  @Test
  void anAnswerWithAnotherIssuerIsRefusedEvenValidlySigned() throws Exception {
    Captured captured = reparsed(genuineAnswer());
    Xml.first(captured.assertion(), SAML, "Issuer").setTextContent("https://evil.test/idp");
    resign(captured.assertion(), demo.eauthSigningKeys());

    assertThat(assertRefused(send(captured), captured.flowId())).startsWith("WRONG_PARTY");
  }

  @Test
  void anAssertionNotYetValidIsRefusedEvenValidlySigned() throws Exception {
    Captured captured = reparsed(genuineAnswer());
    Element conditions = Xml.first(captured.assertion(), SAML, "Conditions");
    conditions.setAttribute("NotBefore", Instant.now().plusSeconds(3600).toString());
    resign(captured.assertion(), demo.eauthSigningKeys());

    assertThat(assertRefused(send(captured), captured.flowId())).startsWith("EXPIRED");
  }

  @ParameterizedTest
  @EnumSource(SamlMisbehaviour.class)
  void everyMisbehaviourOfTheNationalIdpIsRefused(SamlMisbehaviour fault) throws Exception {
    if (fault == SamlMisbehaviour.REPLAY) {
      send(genuineAnswer()); // a previous answer to replay
    }
    eauth().misbehave(Set.of(fault));
    Captured captured = genuineAnswer();

    String expected =
        switch (fault) {
          case WRONG_SIGNING_KEY, UNSIGNED -> "BAD_SIGNATURE";
          case EXPIRED -> "EXPIRED";
          case REPLAY, WRONG_AUDIENCE, WRONG_DESTINATION, WRONG_IN_RESPONSE_TO -> "WRONG_PARTY";
          case MISSING_ATTRIBUTE -> "INVALID_IDENTITY";
          case ERROR_STATUS -> "NATIONAL_ERROR";
        };
    assertThat(assertRefused(send(captured), captured.flowId())).startsWith(expected);
  }
}
