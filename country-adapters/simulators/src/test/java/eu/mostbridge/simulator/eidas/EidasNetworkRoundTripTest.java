package eu.mostbridge.simulator.eidas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import eu.mostbridge.adapter.AuthenticationFailure;
import eu.mostbridge.adapter.AuthenticationFailure.Reason;
import eu.mostbridge.adapter.AuthenticationRequest;
import eu.mostbridge.adapter.AuthenticationStart;
import eu.mostbridge.adapter.BrowserStep;
import eu.mostbridge.adapter.NationalAnswer;
import eu.mostbridge.eidas.network.EidasCountryAdapter;
import eu.mostbridge.identity.CommonIdentity;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.Gender;
import eu.mostbridge.identity.LevelOfAssurance;
import eu.mostbridge.replay.InMemoryReplayCache;
import eu.mostbridge.saml.AlgorithmPolicy;
import eu.mostbridge.saml.SamlMessages;
import eu.mostbridge.saml.eidas.ConnectorIdentity;
import eu.mostbridge.saml.eidas.ConnectorMetadataWriter;
import eu.mostbridge.saml.eidas.ConnectorPeer;
import eu.mostbridge.saml.eidas.ProxyServiceIdentity;
import eu.mostbridge.saml.eidas.ProxyServiceMetadataReader;
import eu.mostbridge.saml.eidas.ProxyServicePeer;
import eu.mostbridge.saml.metadata.MetadataFetch;
import eu.mostbridge.saml.metadata.RefreshingMetadata;
import eu.mostbridge.simulator.Personas;
import eu.mostbridge.simulator.SimulatorKeys;
import eu.mostbridge.simulator.http.SimulatorServer;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opensaml.security.x509.BasicX509Credential;

/**
 * Most's eIDAS connector (the adapter, over OpenSAML and Santuario) against the simulated
 * ProxyServices (the JDK's XML Signature and plain JCA) over HTTP: each rule of the EU reference
 * connector's checklist, the misbehaviours refused with their typed reasons, the variants the
 * profile allows accepted.
 */
class EidasNetworkRoundTripTest {
  private static final String ACS = "https://most.test/callback/eidas-network";
  private static final Pattern HANDLE = Pattern.compile("name=\"request\" value=\"([0-9a-f]+)\"");
  private static final Pattern SAML_RESPONSE =
      Pattern.compile("name=\"SAMLResponse\" value=\"([^\"]+)\"");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static SimulatorServer server;
  private static ProxyServiceSimulator greece;
  private static ProxyServiceSimulator croatia;
  private static ConnectorIdentity connector;
  private static EidasCountryAdapter el;
  private static EidasCountryAdapter hr;

  @BeforeAll
  static void start() throws Exception {
    server = SimulatorServer.onLoopback(0);
    URI base = server.baseUri();
    SimulatorKeys signing = SimulatorKeys.ec("Most connector signing");
    SimulatorKeys ecEncryption = SimulatorKeys.ec("Most connector encryption");
    SimulatorKeys rsaEncryption = SimulatorKeys.rsa("Most connector RSA encryption", 3072);
    connector =
        new ConnectorIdentity(
            base + "/connector/metadata",
            CountryCode.MK,
            URI.create(ACS),
            ConnectorPeer.SpType.PUBLIC,
            credential(signing),
            List.of(credential(ecEncryption), credential(rsaEncryption)),
            AlgorithmPolicy.ECDSA_SHA256,
            new ProxyServiceIdentity.Publisher(
                "Most test", "Most test", URI.create("https://most.test"), List.of()));
    greece =
        new ProxyServiceSimulator(
            ProxyServiceSimulator.Settings.typical("EL", base.resolve("/ps/el")),
            SimulatorKeys.ec("Greek ProxyService"),
            Personas.defaults(),
            connector.entityId()::equals,
            Optional.of(signing.certificate()));
    croatia =
        new ProxyServiceSimulator(
            new ProxyServiceSimulator.Settings(
                "HR", base.resolve("/ps/hr"), List.of("substantial"), false, List.of("1.2")),
            SimulatorKeys.rsa("Croatian ProxyService", 3072),
            Personas.defaults(),
            connector.entityId()::equals,
            Optional.of(signing.certificate()));
    server
        .mount("/ps/el/", greece)
        .mount("/ps/hr/", croatia)
        .mount("/connector/metadata", EidasNetworkRoundTripTest::connectorMetadata)
        .start();
    el = adapter(greece, CountryCode.of("EL"), Set.of());
    hr =
        adapter(
            croatia,
            CountryCode.of("HR"),
            Set.of(AlgorithmPolicy.Relaxation.RSA_OAEP_MGF1P_KEY_TRANSPORT));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @AfterEach
  void behave() {
    greece.misbehave(Set.of());
    croatia.misbehave(Set.of());
  }

  private static BasicX509Credential credential(SimulatorKeys keys) {
    return new BasicX509Credential(keys.certificate(), keys.privateKey());
  }

  private static void connectorMetadata(HttpExchange exchange) throws java.io.IOException {
    byte[] xml =
        SamlMessages.toBytes(
            ConnectorMetadataWriter.write(connector, Instant.now(), Duration.ofDays(1)));
    exchange.sendResponseHeaders(200, xml.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(xml);
    }
  }

  private static EidasCountryAdapter adapter(
      ProxyServiceSimulator simulator,
      CountryCode country,
      Set<AlgorithmPolicy.Relaxation> relaxations)
      throws Exception {
    String entityId = simulator.settings().entityId();
    RefreshingMetadata<ProxyServicePeer> metadata =
        new RefreshingMetadata<>(
            "test",
            () ->
                new ProxyServiceMetadataReader()
                    .read(
                        MetadataFetch.url(URI.create(entityId), Duration.ofSeconds(5)),
                        entityId,
                        country,
                        simulator.signingCertificate(),
                        AlgorithmPolicy.eidasStrict(),
                        Instant.now()));
    return new EidasCountryAdapter(
        country,
        connector,
        metadata::current,
        relaxations,
        Duration.ofMinutes(10),
        new InMemoryReplayCache(),
        Clock.systemUTC());
  }

  private static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  private static HttpResponse<String> post(URI target, Map<String, String> fields)
      throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(target)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(fields)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A login through {@code adapter}'s ProxyService; the answer as Most receives it. */
  private record Answer(NationalAnswer answer, AuthenticationStart start) {}

  private static Answer answer(
      EidasCountryAdapter adapter,
      ProxyServiceSimulator simulator,
      LevelOfAssurance level,
      String persona,
      String action)
      throws Exception {
    AuthenticationStart start =
        adapter.start(
            new AuthenticationRequest(
                level,
                CountryCode.MK,
                URI.create(ACS),
                Locale.ENGLISH,
                false,
                Optional.of("Municipality of Ohrid, e-services")));
    assertThat(start.step()).isInstanceOf(BrowserStep.FormPost.class);
    BrowserStep.FormPost post = (BrowserStep.FormPost) start.step();
    HttpResponse<String> picker = post(post.target(), post.fields());
    assertThat(picker.statusCode()).as(picker.body()).isEqualTo(200);
    Matcher handle = HANDLE.matcher(picker.body());
    assertThat(handle.find()).as(picker.body()).isTrue();
    String base = simulator.settings().base().toString();
    String page =
        post(
                URI.create(base + "/login"),
                Map.of("request", handle.group(1), "persona", persona, "action", action))
            .body();
    Matcher response = SAML_RESPONSE.matcher(page);
    assertThat(response.find()).as(page).isTrue();
    return new Answer(
        new NationalAnswer("POST", Map.of("SAMLResponse", List.of(response.group(1)))), start);
  }

  private static CommonIdentity login(
      EidasCountryAdapter adapter,
      ProxyServiceSimulator simulator,
      LevelOfAssurance level,
      String persona)
      throws Exception {
    Answer answer = answer(adapter, simulator, level, persona, "login");
    assertThat(adapter.correlationOf(answer.answer()))
        .isEqualTo(answer.start().pending().correlationId());
    return adapter.complete(answer.answer(), answer.start().pending());
  }

  private static AuthenticationFailure refused(
      EidasCountryAdapter adapter,
      ProxyServiceSimulator simulator,
      ProxyServiceMisbehaviour fault,
      LevelOfAssurance level,
      String persona)
      throws Exception {
    simulator.misbehave(Set.of(fault));
    Answer answer = answer(adapter, simulator, level, persona, "login");
    try {
      adapter.complete(answer.answer(), answer.start().pending());
    } catch (AuthenticationFailure failure) {
      return failure;
    }
    throw new AssertionError(fault + " was accepted");
  }

  @Test
  void aGreekCitizenIsIdentifiedWithLatinAndGreekNamesAndAnOpaqueIdentifier() throws Exception {
    CommonIdentity identity = login(el, greece, LevelOfAssurance.SUBSTANTIAL, "el-eleni");

    assertThat(identity.personIdentifier().toEidasForm()).isEqualTo("EL/MK/4f9c2a71e8b3d05a");
    assertThat(identity.originCountry()).isEqualTo(CountryCode.of("EL"));
    assertThat(identity.familyName().latin()).isEqualTo("Papadopoulou");
    assertThat(identity.familyName().nativeForm()).contains("Παπαδοπούλου");
    assertThat(identity.familyName().nativeScript().orElseThrow().languageTag())
        .isEqualTo("el-Grek");
    assertThat(identity.givenName().latin()).isEqualTo("Eleni");
    assertThat(identity.dateOfBirth()).isEqualTo(LocalDate.of(1990, 5, 17));
    assertThat(identity.gender()).contains(Gender.FEMALE);
    assertThat(identity.placeOfBirth()).contains("Αθήνα");
    assertThat(identity.levelOfAssurance()).isEqualTo(LevelOfAssurance.SUBSTANTIAL);
  }

  @Test
  void whatMostSendsIsAnEidasRequestTheProxyServiceAccepts() throws Exception {
    login(el, greece, LevelOfAssurance.HIGH, "el-eleni");

    String request = greece.lastRequest().orElseThrow();
    assertThat(request)
        .contains("ForceAuthn=\"true\"")
        .contains("IsPassive=\"false\"")
        .doesNotContain("AssertionConsumerServiceURL")
        .doesNotContain("ProtocolBinding")
        .doesNotContain("SPType")
        .contains("Comparison=\"minimum\"")
        .contains("http://eidas.europa.eu/LoA/high")
        .contains("Municipality of Ohrid, e-services");
  }

  @Test
  void noRequesterIdGoesToAProxyServiceThatDidNotAskForIt() throws Exception {
    login(hr, croatia, LevelOfAssurance.SUBSTANTIAL, "hr-ivana");

    assertThat(croatia.lastRequest().orElseThrow()).doesNotContain("RequesterID");
  }

  @Test
  void theNativeScriptMarkIsReadInItsUnqualifiedFormToo() throws Exception {
    greece.misbehave(Set.of(ProxyServiceMisbehaviour.LATIN_SCRIPT_UNQUALIFIED));

    CommonIdentity identity = login(el, greece, LevelOfAssurance.HIGH, "el-eleni");

    assertThat(identity.familyName().latin()).isEqualTo("Papadopoulou");
    assertThat(identity.familyName().nativeForm()).contains("Παπαδοπούλου");
  }

  @Test
  void aLatinOnlyCitizenOverRsaOaepWithMgf1() throws Exception {
    croatia.misbehave(Set.of(ProxyServiceMisbehaviour.RSA_OAEP));

    CommonIdentity identity = login(hr, croatia, LevelOfAssurance.LOW, "hr-ivana");

    assertThat(identity.familyName().latin()).isEqualTo("Kovačić");
    assertThat(identity.familyName().nativeForm()).isEmpty();
    assertThat(identity.personIdentifier().toEidasForm()).isEqualTo("HR/MK/a7c3e19b52d04f68");
  }

  @Test
  void mgf1pIsAcceptedOnlyFromAProxyServiceBelowVersion14ThatWasGrantedIt() throws Exception {
    croatia.misbehave(Set.of(ProxyServiceMisbehaviour.RSA_OAEP_MGF1P));
    assertThat(login(hr, croatia, LevelOfAssurance.SUBSTANTIAL, "hr-ivana").originCountry())
        .isEqualTo(CountryCode.of("HR"));

    EidasCountryAdapter greekGrantedMgf1p =
        adapter(
            greece,
            CountryCode.of("EL"),
            Set.of(AlgorithmPolicy.Relaxation.RSA_OAEP_MGF1P_KEY_TRANSPORT));
    greece.misbehave(Set.of(ProxyServiceMisbehaviour.RSA_OAEP_MGF1P));
    Answer answer = answer(greekGrantedMgf1p, greece, LevelOfAssurance.HIGH, "el-eleni", "login");
    assertThatThrownBy(() -> greekGrantedMgf1p.complete(answer.answer(), answer.start().pending()))
        .isInstanceOfSatisfying(
            AuthenticationFailure.class,
            f -> assertThat(f.reason()).isEqualTo(Reason.BAD_SIGNATURE))
        .hasMessageContaining("rsa-oaep-mgf1p");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "TRIPLE_DES, BAD_SIGNATURE, tripledes-cbc",
    "RSA_1_5, BAD_SIGNATURE, rsa-1_5",
    "UNSIGNED_RESPONSE, BAD_SIGNATURE, Response is not signed",
    "WRONG_SIGNING_KEY, BAD_SIGNATURE, ''",
    "WRONG_PERSON_IDENTIFIER_PREFIX, INVALID_IDENTITY, origin",
    "WRONG_PERSON_IDENTIFIER_DESTINATION, INVALID_IDENTITY, connector country",
    "WRONG_AUDIENCE, WRONG_PARTY, ''",
    "TWO_ASSERTIONS, MALFORMED_ANSWER, exactly one assertion",
    "NO_LATIN_TRANSLITERATION, INVALID_IDENTITY, Latin-script",
    "LOWER_LEVEL, LEVEL_TOO_LOW, below the minimum",
    "UNPUBLISHED_LEVEL, LEVEL_TOO_LOW, publishes",
    "EXPIRED, EXPIRED, ''",
    "MISSING_DATE_OF_BIRTH, INVALID_IDENTITY, DateOfBirth",
    "MALFORMED_DATE_OF_BIRTH, INVALID_IDENTITY, xsd:date",
    "MALFORMED_GENDER, INVALID_IDENTITY, Gender"
  })
  void aMisbehavingProxyServiceIsRefusedWithItsReason(
      ProxyServiceMisbehaviour fault, Reason reason, String message) throws Exception {
    AuthenticationFailure failure = refused(el, greece, fault, LevelOfAssurance.HIGH, "el-eleni");

    assertThat(failure.reason()).as(failure.getMessage()).isEqualTo(reason);
    assertThat(failure.getMessage()).contains(message);
  }

  @Test
  void anAnswerFromAnotherCountrysProxyServiceIsRefused() throws Exception {
    Answer croatian = answer(hr, croatia, LevelOfAssurance.SUBSTANTIAL, "hr-ivana", "login");
    Answer greek = answer(el, greece, LevelOfAssurance.HIGH, "el-eleni", "login");

    assertThatThrownBy(() -> el.complete(croatian.answer(), greek.start().pending()))
        .isInstanceOf(AuthenticationFailure.class);
  }

  @Test
  void aCitizenWhoCancelsIsToldApartFromAnError() throws Exception {
    Answer answer = answer(el, greece, LevelOfAssurance.HIGH, "el-eleni", "cancel");

    assertThatThrownBy(() -> el.complete(answer.answer(), answer.start().pending()))
        .isInstanceOfSatisfying(
            AuthenticationFailure.class, f -> assertThat(f.reason()).isEqualTo(Reason.CANCELLED));
  }

  @Test
  void anUnsignedRefusalDoesNotEndTheLogin() throws Exception {
    greece.misbehave(Set.of(ProxyServiceMisbehaviour.UNSIGNED_RESPONSE));
    Answer answer = answer(el, greece, LevelOfAssurance.HIGH, "el-eleni", "cancel");

    assertThatThrownBy(() -> el.complete(answer.answer(), answer.start().pending()))
        .isInstanceOfSatisfying(
            AuthenticationFailure.class,
            f -> assertThat(f.reason()).isEqualTo(Reason.BAD_SIGNATURE));
  }

  @Test
  void theSignatureStrippedFromAGenuineAnswerDoesNotBurnIt() throws Exception {
    Answer genuine = answer(el, greece, LevelOfAssurance.HIGH, "el-eleni", "login");
    String xml =
        new String(
            java.util.Base64.getDecoder()
                .decode(genuine.answer().parameters().get("SAMLResponse").get(0)),
            StandardCharsets.UTF_8);
    String stripped = xml.replaceFirst("(?s)<ds:Signature.*?</ds:Signature>(?=<saml2p:Status)", "");
    assertThat(stripped).isNotEqualTo(xml);
    NationalAnswer unsigned =
        new NationalAnswer(
            "POST",
            Map.of(
                "SAMLResponse",
                List.of(
                    java.util.Base64.getEncoder()
                        .encodeToString(stripped.getBytes(StandardCharsets.UTF_8)))));

    assertThatThrownBy(() -> el.complete(unsigned, genuine.start().pending()))
        .isInstanceOfSatisfying(
            AuthenticationFailure.class,
            f -> assertThat(f.reason()).isEqualTo(Reason.BAD_SIGNATURE));
    assertThat(el.complete(genuine.answer(), genuine.start().pending()).familyName().latin())
        .isEqualTo("Papadopoulou");
  }

  @Test
  void theSameAnswerIsAcceptedOnce() throws Exception {
    Answer answer = answer(el, greece, LevelOfAssurance.HIGH, "el-eleni", "login");
    el.complete(answer.answer(), answer.start().pending());

    assertThatThrownBy(() -> el.complete(answer.answer(), answer.start().pending()))
        .isInstanceOfSatisfying(
            AuthenticationFailure.class, f -> assertThat(f.reason()).isEqualTo(Reason.REPLAYED));
  }
}
