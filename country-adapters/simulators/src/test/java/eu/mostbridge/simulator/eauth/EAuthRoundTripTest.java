package eu.mostbridge.simulator.eauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import eu.mostbridge.adapter.AuthenticationFailure;
import eu.mostbridge.adapter.AuthenticationFailure.Reason;
import eu.mostbridge.adapter.AuthenticationRequest;
import eu.mostbridge.adapter.AuthenticationStart;
import eu.mostbridge.adapter.BrowserStep;
import eu.mostbridge.adapter.FailedAnswerLimit;
import eu.mostbridge.adapter.NationalAnswer;
import eu.mostbridge.bg.eauth.EAuthAdapter;
import eu.mostbridge.bg.eauth.EAuthSettings;
import eu.mostbridge.identity.CommonIdentity;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.Gender;
import eu.mostbridge.identity.LevelOfAssurance;
import eu.mostbridge.identity.LevelOfAssuranceNotation;
import eu.mostbridge.replay.InMemoryReplayCache;
import eu.mostbridge.saml.AlgorithmPolicy;
import eu.mostbridge.saml.AlgorithmPolicy.Relaxation;
import eu.mostbridge.saml.IdentityProviderPeer;
import eu.mostbridge.saml.SamlBinding;
import eu.mostbridge.saml.SamlMessages;
import eu.mostbridge.saml.ServiceProviderIdentity;
import eu.mostbridge.saml.metadata.SpMetadataWriter;
import eu.mostbridge.simulator.Personas;
import eu.mostbridge.simulator.SimulatorKeys;
import eu.mostbridge.simulator.http.SimulatorServer;
import eu.mostbridge.simulator.saml.RegisteredServiceProvider;
import eu.mostbridge.simulator.saml.SamlIdpSettings;
import eu.mostbridge.simulator.saml.SamlIdpSimulator;
import eu.mostbridge.simulator.saml.SamlMisbehaviour;
import eu.mostbridge.simulator.saml.ServiceProviderSource;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import org.junit.jupiter.params.provider.EnumSource;
import org.opensaml.security.x509.BasicX509Credential;

/**
 * The eAuth adapter against the eAuth simulator over real HTTP: the adapter's request goes to the
 * simulator by the real binding, the simulator's picker form is submitted, and the SAML answer the
 * simulator's page would post to the ACS is handed to the adapter, as the browser would.
 */
class EAuthRoundTripTest {
  private static final String SP_ENTITY = "https://most.test/saml/bg-eauth";
  private static final String ACS = "https://most.test/saml/acs/bg-eauth";
  private static final Pattern HANDLE = Pattern.compile("name=\"request\" value=\"([0-9a-f]+)\"");
  private static final Pattern SAML_RESPONSE =
      Pattern.compile("name=\"SAMLResponse\" value=\"([^\"]+)\"");
  private static final Pattern ACTION =
      Pattern.compile("<form id=\"post\" method=\"post\" action=\"([^\"]+)\"");

  private static SimulatorKeys spSigning;
  private static SimulatorKeys spEncryption;
  private static SamlIdpSimulator testSystem;
  private static SamlIdpSimulator production;
  private static SamlIdpSimulator strict;
  private static SimulatorServer server;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void startSimulators() throws IOException {
    spSigning = SimulatorKeys.rsa("Most SP signing");
    spEncryption = SimulatorKeys.rsa("Most SP encryption");
    List<RegisteredServiceProvider> sps =
        List.of(
            new RegisteredServiceProvider(
                SP_ENTITY, ACS, spSigning.certificate(), spEncryption.certificate()));
    Personas personas = Personas.defaults();
    testSystem =
        new SamlIdpSimulator(
            new EAuthProfile(),
            SamlIdpSettings.likeTheTestSystem("https://eauth.sim/test"),
            personas,
            SimulatorKeys.rsa("eAuth test"),
            sps);
    production =
        new SamlIdpSimulator(
            new EAuthProfile(),
            SamlIdpSettings.likeProduction("https://eauth.sim/prod"),
            personas,
            SimulatorKeys.rsa("eAuth prod", 2048),
            sps);
    strict =
        new SamlIdpSimulator(
            new EAuthProfile(),
            SamlIdpSettings.eidasStrict("https://eauth.sim/strict"),
            personas,
            SimulatorKeys.rsa("eAuth strict"),
            sps);
    server =
        SimulatorServer.onLoopback(0)
            .mount("/eauth-test/", testSystem)
            .mount("/eauth-prod/", production)
            .mount("/eauth-strict/", strict)
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** The clock Most's requests are dated by, and how they are signed: changed by single tests. */
  private static Clock requestClock = Clock.systemUTC();

  private static String requestAlgorithm = EAuthSettings.REQUEST_SIGNATURE_ALGORITHM;

  @AfterEach
  void behave() {
    testSystem.misbehave(Set.of());
    requestClock = Clock.systemUTC();
    requestAlgorithm = EAuthSettings.REQUEST_SIGNATURE_ALGORITHM;
  }

  private static EAuthAdapter adapter(
      SamlIdpSimulator simulator,
      String path,
      Set<Relaxation> relaxations,
      boolean requireEncryption,
      SamlBinding binding,
      SimulatorKeys signingKey) {
    return adapter(
        simulator,
        path,
        relaxations,
        requireEncryption,
        binding,
        signingKey,
        LevelOfAssuranceNotation.EAUTH_NAME);
  }

  private static EAuthAdapter adapter(
      SamlIdpSimulator simulator,
      String path,
      Set<Relaxation> relaxations,
      boolean requireEncryption,
      SamlBinding binding,
      SimulatorKeys signingKey,
      LevelOfAssuranceNotation notation) {
    IdentityProviderPeer idp =
        IdentityProviderPeer.strict(
                simulator.settings().entityId(),
                server.baseUri().resolve(path + "SingleSignOnService"),
                List.of(simulator.signingCertificate()),
                AlgorithmPolicy.eidasStrict().relaxedBy(relaxations))
            .withAssertionRequirements(requireEncryption, true)
            .withCancelMessages(EAuthSettings.CANCEL_MESSAGES);
    ServiceProviderIdentity sp =
        new ServiceProviderIdentity(
            SP_ENTITY,
            URI.create(ACS),
            new BasicX509Credential(signingKey.certificate(), signingKey.privateKey()),
            List.of(
                new BasicX509Credential(spEncryption.certificate(), spEncryption.privateKey())));
    EAuthSettings settings =
        new EAuthSettings(
            "bg-eauth",
            sp,
            idp,
            EAuthSettings.TEST_PROVIDER_OID,
            EAuthSettings.testServiceOids(),
            notation,
            binding,
            List.of(),
            requestAlgorithm,
            Duration.ofMinutes(10));
    return new EAuthAdapter(settings, new InMemoryReplayCache(), requestClock);
  }

  private static EAuthAdapter testSystemAdapter(SamlBinding binding) {
    return adapter(
        testSystem, "/eauth-test/", Set.of(Relaxation.SHA1_SIGNATURE), false, binding, spSigning);
  }

  /** Sends the adapter's request the way the browser would, and returns the simulator's page. */
  private static String send(BrowserStep step) throws IOException, InterruptedException {
    HttpRequest request;
    if (step instanceof BrowserStep.Redirect redirect) {
      request = HttpRequest.newBuilder(redirect.target()).GET().build();
    } else {
      BrowserStep.FormPost post = (BrowserStep.FormPost) step;
      request =
          HttpRequest.newBuilder(post.target())
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(form(post.fields())))
              .build();
    }
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
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

  /** Picks a persona (or cancels) on the picker page and returns the SAMLResponse it posts. */
  private static String pick(String path, String pickerPage, String persona, String action)
      throws IOException, InterruptedException {
    Matcher handle = HANDLE.matcher(pickerPage);
    assertThat(handle.find()).as("a picker page: %s", pickerPage).isTrue();
    HttpResponse<String> answer =
        HTTP.send(
            HttpRequest.newBuilder(server.baseUri().resolve(path + "login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        form(
                            Map.of(
                                "request", handle.group(1), "persona", persona, "action", action))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Matcher target = ACTION.matcher(answer.body());
    assertThat(target.find()).as("an auto-post page: %s", answer.body()).isTrue();
    assertThat(target.group(1)).isEqualTo(ACS);
    Matcher response = SAML_RESPONSE.matcher(answer.body());
    assertThat(response.find()).isTrue();
    return response.group(1);
  }

  private static CommonIdentity login(
      EAuthAdapter adapter, String path, LevelOfAssurance minimum, String persona)
      throws Exception {
    AuthenticationStart start = adapter.start(request(minimum));
    String samlResponse = pick(path, send(start.step()), persona, "login");
    return adapter.complete(
        new NationalAnswer("POST", Map.of("SAMLResponse", List.of(samlResponse))), start.pending());
  }

  private static AuthenticationRequest request(LevelOfAssurance minimum) {
    return new AuthenticationRequest(
        minimum, CountryCode.MK, URI.create(ACS), Locale.forLanguageTag("bg"), false);
  }

  private static AuthenticationFailure refusedLogin(EAuthAdapter adapter, String persona) {
    return catchThrowableOfType(
        AuthenticationFailure.class,
        () -> login(adapter, "/eauth-test/", LevelOfAssurance.SUBSTANTIAL, persona));
  }

  @ParameterizedTest(name = "{0} binding, minimum {1}")
  @CsvSource({
    "POST, LOW",
    "POST, SUBSTANTIAL",
    "POST, HIGH",
    "REDIRECT, LOW",
    "REDIRECT, SUBSTANTIAL",
    "REDIRECT, HIGH",
  })
  void logsInThroughEachBindingAtEachLevel(SamlBinding binding, LevelOfAssurance level)
      throws Exception {
    CommonIdentity identity = login(testSystemAdapter(binding), "/eauth-test/", level, "bg-maria");

    assertThat(identity.personIdentifier().toEidasForm()).isEqualTo("BG/MK/8703141379");
    assertThat(identity.givenName().latin()).isEqualTo("Maria Shtereva");
    assertThat(identity.givenName().nativeForm()).contains("Мария Щерева");
    assertThat(identity.familyName().latin()).isEqualTo("Petrova");
    assertThat(identity.dateOfBirth()).isEqualTo(LocalDate.of(1987, 3, 14));
    assertThat(identity.gender()).contains(Gender.FEMALE);
    assertThat(identity.levelOfAssurance()).isEqualTo(level);
    assertThat(identity.placeOfBirth()).contains("София");
  }

  @Test
  void aPersonaBornInThe2000sWithTheSpecialRules() throws Exception {
    CommonIdentity georgi =
        login(
            testSystemAdapter(SamlBinding.POST), "/eauth-test/", LevelOfAssurance.LOW, "bg-georgi");
    CommonIdentity mariyana =
        login(
            testSystemAdapter(SamlBinding.POST),
            "/eauth-test/",
            LevelOfAssurance.LOW,
            "bg-mariyana");

    assertThat(georgi.dateOfBirth()).isEqualTo(LocalDate.of(2003, 7, 21));
    assertThat(georgi.gender()).contains(Gender.MALE);
    assertThat(georgi.givenName().latin())
        .as("the Transliteration Act wins over eAuth's latinName, which may be self-entered")
        .isEqualTo("Georgi Yordanov");
    assertThat(georgi.familyName().latin()).isEqualTo("Tsvetkov");
    assertThat(mariyana.givenName().latin()).isEqualTo("Mariyana Yulieva");
    assertThat(mariyana.familyName().latin()).isEqualTo("Agalova");
    assertThat(mariyana.birthFamilyName().orElseThrow().latin()).isEqualTo("Zhecheva");
  }

  @Test
  void theProductionShapeIsAcceptedWithEAuthsDefaultRelaxationsAndNoneLess() throws Exception {
    EAuthAdapter eauth =
        adapter(
            production,
            "/eauth-prod/",
            EAuthSettings.RELAXATIONS,
            true,
            SamlBinding.POST,
            spSigning);
    CommonIdentity identity = login(eauth, "/eauth-prod/", LevelOfAssurance.HIGH, "bg-maria");
    assertThat(identity.levelOfAssurance()).isEqualTo(LevelOfAssurance.HIGH);
    assertThat(eauth.relaxations()).contains("UNSIGNED_RESPONSE_CBC_ASSERTION");
    assertThat(eauth.failedAnswerLimit()).contains(FailedAnswerLimit.ORACLE_BOUND);

    Set<Relaxation> signedResponseOnly = EnumSet.copyOf(EAuthSettings.RELAXATIONS);
    signedResponseOnly.remove(Relaxation.UNSIGNED_RESPONSE_CBC_ASSERTION);
    AuthenticationFailure unsigned =
        catchThrowableOfType(
            AuthenticationFailure.class,
            () ->
                login(
                    adapter(
                        production,
                        "/eauth-prod/",
                        signedResponseOnly,
                        true,
                        SamlBinding.POST,
                        spSigning),
                    "/eauth-prod/",
                    LevelOfAssurance.HIGH,
                    "bg-maria"));
    assertThat(unsigned.reason()).isEqualTo(Reason.BAD_SIGNATURE);
    assertThat(unsigned.getMessage()).contains("must come in a signed Response");

    Set<Relaxation> withoutCbc = EnumSet.copyOf(EAuthSettings.RELAXATIONS);
    withoutCbc.remove(Relaxation.AES_CBC_ENCRYPTION);
    AuthenticationFailure cbc =
        catchThrowableOfType(
            AuthenticationFailure.class,
            () ->
                login(
                    adapter(
                        production, "/eauth-prod/", withoutCbc, true, SamlBinding.POST, spSigning),
                    "/eauth-prod/",
                    LevelOfAssurance.HIGH,
                    "bg-maria"));
    assertThat(cbc.reason()).isEqualTo(Reason.BAD_SIGNATURE);
    assertThat(cbc.getMessage()).contains("aes128-cbc");
  }

  @Test
  void eAuthsOtherLoginMethodsAndResidentsArriveAsItsCodeSendsThem() throws Exception {
    AuthenticationFailure pik =
        catchThrowableOfType(
            AuthenticationFailure.class,
            () ->
                login(
                    testSystemAdapter(SamlBinding.POST),
                    "/eauth-test/",
                    LevelOfAssurance.SUBSTANTIAL,
                    "bg-elena-pik"));
    assertThat(pik.reason()).isEqualTo(Reason.PLACEHOLDER_IDENTITY);

    CommonIdentity ivan =
        login(
            testSystemAdapter(SamlBinding.POST),
            "/eauth-test/",
            LevelOfAssurance.HIGH,
            "bg-ivan-certificate");
    assertThat(ivan.givenName().latin()).isEqualTo("IVAN GEORGIEV");
    assertThat(ivan.familyName().latin()).isEqualTo("DIMITROV");
    assertThat(ivan.givenName().nativeForm()).isEmpty();

    CommonIdentity john =
        login(
            testSystemAdapter(SamlBinding.POST),
            "/eauth-test/",
            LevelOfAssurance.SUBSTANTIAL,
            "bg-john-lnch");
    assertThat(john.personIdentifier().toEidasForm()).isEqualTo("BG/MK/7111042925");
    assertThat(john.dateOfBirth()).isEqualTo(LocalDate.of(1980, 6, 15));
    assertThat(john.nationalities()).isEmpty();
  }

  @Test
  void eAuthTakesARequestFor20SecondsWith10SecondsOfSkew() throws Exception {
    requestClock = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-25));
    String fresh =
        send(
            testSystemAdapter(SamlBinding.POST)
                .start(request(LevelOfAssurance.SUBSTANTIAL))
                .step());
    assertThat(fresh).as("25 s old: within 20 s and 10 s of skew").contains("bg-maria");

    requestClock = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-35));
    String late =
        send(
            testSystemAdapter(SamlBinding.POST)
                .start(request(LevelOfAssurance.SUBSTANTIAL))
                .step());
    assertThat(late).contains("outside 20 s").doesNotContain("bg-maria");

    requestClock = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(15));
    String early =
        send(
            testSystemAdapter(SamlBinding.POST)
                .start(request(LevelOfAssurance.SUBSTANTIAL))
                .step());
    assertThat(early).contains("outside 20 s");
  }

  @Test
  void eAuthDoesNotVerifyAnRsaPssRequestSoMostSignsRsaSha256() throws Exception {
    requestAlgorithm = AlgorithmPolicy.RSA_PSS_SHA256;
    String page =
        send(
            testSystemAdapter(SamlBinding.POST)
                .start(request(LevelOfAssurance.SUBSTANTIAL))
                .step());
    assertThat(page).contains("sha256-rsa-MGF1, which this IdP does not verify");
  }

  @Test
  void eAuthReadsMostsMetadataFromTheIssuerOnEveryRequestAndNeedsOneSigningKey() throws Exception {
    String metadataUrl = server.baseUri().resolve("/most-metadata").toString();
    ServiceProviderIdentity sp =
        new ServiceProviderIdentity(
            metadataUrl,
            URI.create(ACS),
            new BasicX509Credential(spSigning.certificate(), spSigning.privateKey()),
            List.of(
                new BasicX509Credential(spEncryption.certificate(), spEncryption.privateKey())));
    java.util.concurrent.atomic.AtomicReference<byte[]> metadata =
        new java.util.concurrent.atomic.AtomicReference<>(
            SamlMessages.toBytes(
                SpMetadataWriter.write(
                    sp,
                    AlgorithmPolicy.eidasStrict(),
                    java.time.Instant.now(),
                    Duration.ofDays(1),
                    AlgorithmPolicy.RSA_PSS_SHA256)));
    java.util.concurrent.atomic.AtomicInteger reads =
        new java.util.concurrent.atomic.AtomicInteger();
    server.mount(
        "/most-metadata",
        exchange -> {
          reads.incrementAndGet();
          byte[] body = metadata.get();
          exchange.sendResponseHeaders(200, body.length);
          try (var out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    SamlIdpSimulator reading =
        new SamlIdpSimulator(
            new EAuthProfile(),
            SamlIdpSettings.likeProduction("https://eauth.sim/metadata"),
            Personas.defaults(),
            SimulatorKeys.rsa("eAuth reading metadata", 2048),
            ServiceProviderSource.metadataAtIssuer(metadataUrl::equals));
    server.mount("/eauth-metadata/", reading);
    EAuthAdapter adapter =
        new EAuthAdapter(
            new EAuthSettings(
                "bg-eauth",
                sp,
                IdentityProviderPeer.strict(
                    reading.settings().entityId(),
                    server.baseUri().resolve("/eauth-metadata/SingleSignOnService"),
                    List.of(reading.signingCertificate()),
                    AlgorithmPolicy.eidasStrict().relaxedBy(EAuthSettings.RELAXATIONS)),
                EAuthSettings.TEST_PROVIDER_OID,
                EAuthSettings.testServiceOids(),
                LevelOfAssuranceNotation.EAUTH_NAME,
                SamlBinding.POST,
                List.of(),
                EAuthSettings.REQUEST_SIGNATURE_ALGORITHM,
                Duration.ofMinutes(10)),
            new InMemoryReplayCache(),
            Clock.systemUTC());

    CommonIdentity maria = login(adapter, "/eauth-metadata/", LevelOfAssurance.HIGH, "bg-maria");
    login(adapter, "/eauth-metadata/", LevelOfAssurance.HIGH, "bg-maria");

    assertThat(maria.personIdentifier().value()).isEqualTo("8703141379");
    assertThat(reads.get()).as("read on every request").isEqualTo(2);

    // A second signing key published (a rollover done the usual way): eAuth checks the request
    // against both, and one of them did not sign it.
    String xml = new String(metadata.get(), StandardCharsets.UTF_8);
    Matcher signing =
        Pattern.compile("(?s)<md:KeyDescriptor use=\"signing\">.*?</md:KeyDescriptor>")
            .matcher(xml);
    assertThat(signing.find()).as("a signing key in %s", xml).isTrue();
    String retired =
        signing
            .group()
            .replaceAll(
                "(?s)<ds:X509Certificate>[^<]*</ds:X509Certificate>",
                "<ds:X509Certificate>"
                    + java.util.Base64.getEncoder()
                        .encodeToString(SimulatorKeys.rsa("retired").certificate().getEncoded())
                    + "</ds:X509Certificate>");
    metadata.set(
        xml.replace(signing.group(), signing.group() + retired).getBytes(StandardCharsets.UTF_8));
    String refused = send(adapter.start(request(LevelOfAssurance.HIGH)).step());
    assertThat(refused).contains("not signed by every signing key");

    // An Issuer the simulator was not told to read is not fetched (the request is unverified).
    int before = reads.get();
    String stranger =
        send(
            adapter(
                    reading,
                    "/eauth-metadata/",
                    EAuthSettings.RELAXATIONS,
                    true,
                    SamlBinding.POST,
                    spSigning)
                .start(request(LevelOfAssurance.HIGH))
                .step());
    assertThat(stranger).contains("not a service provider this simulator reads");
    assertThat(reads.get()).isEqualTo(before);
  }

  @Test
  void aStrictSimulatorNeedsNoRelaxation() throws Exception {
    CommonIdentity identity =
        login(
            adapter(strict, "/eauth-strict/", Set.of(), true, SamlBinding.REDIRECT, spSigning),
            "/eauth-strict/",
            LevelOfAssurance.SUBSTANTIAL,
            "bg-georgi");

    assertThat(identity.personIdentifier().value()).isEqualTo("0347214827");
  }

  @Test
  void eachAdapterNamesItsRelaxationsForLogsAndAudits() {
    assertThat(testSystemAdapter(SamlBinding.POST).relaxations())
        .containsExactly("PLAIN_ASSERTIONS", "SHA1_SIGNATURE");
    assertThat(
            adapter(strict, "/eauth-strict/", Set.of(), true, SamlBinding.POST, spSigning)
                .relaxations())
        .isEmpty();
  }

  @Test
  void theStrictPolicyRefusesTheRealSystemsSha1() {
    AuthenticationFailure failure =
        refusedLogin(
            adapter(testSystem, "/eauth-test/", Set.of(), false, SamlBinding.POST, spSigning),
            "bg-maria");

    assertThat(failure.reason()).isEqualTo(Reason.BAD_SIGNATURE);
    assertThat(failure.getMessage()).contains("rsa-sha1");
  }

  @ParameterizedTest
  @EnumSource(SamlMisbehaviour.class)
  void refusesEveryMisbehaviour(SamlMisbehaviour fault) throws Exception {
    EAuthAdapter adapter = testSystemAdapter(SamlBinding.POST);
    if (fault == SamlMisbehaviour.REPLAY) {
      login(adapter, "/eauth-test/", LevelOfAssurance.SUBSTANTIAL, "bg-maria");
    }
    testSystem.misbehave(Set.of(fault));

    AuthenticationFailure failure = refusedLogin(adapter, "bg-maria");

    Reason expected =
        switch (fault) {
          case WRONG_SIGNING_KEY, UNSIGNED -> Reason.BAD_SIGNATURE;
          case EXPIRED -> Reason.EXPIRED;
          case WRONG_AUDIENCE, WRONG_DESTINATION, WRONG_IN_RESPONSE_TO, REPLAY ->
              Reason.WRONG_PARTY;
          case MISSING_ATTRIBUTE -> Reason.INVALID_IDENTITY;
          case ERROR_STATUS -> Reason.NATIONAL_ERROR;
        };
    assertThat(failure).as(fault.name()).isNotNull();
    assertThat(failure.reason()).as(failure.getMessage()).isEqualTo(expected);
  }

  @Test
  void theSameAnswerCannotCompleteTwice() throws Exception {
    EAuthAdapter adapter = testSystemAdapter(SamlBinding.POST);
    AuthenticationStart start = adapter.start(request(LevelOfAssurance.LOW));
    String samlResponse = pick("/eauth-test/", send(start.step()), "bg-maria", "login");
    NationalAnswer answer =
        new NationalAnswer("POST", Map.of("SAMLResponse", List.of(samlResponse)));
    adapter.complete(answer, start.pending());

    AuthenticationFailure failure =
        catchThrowableOfType(
            AuthenticationFailure.class, () -> adapter.complete(answer, start.pending()));

    assertThat(failure.reason()).isEqualTo(Reason.REPLAYED);
  }

  @Test
  void aCancelAtTheNationalEidIsReportedAsCancelled() throws Exception {
    EAuthAdapter adapter = testSystemAdapter(SamlBinding.POST);
    AuthenticationStart start = adapter.start(request(LevelOfAssurance.LOW));
    String samlResponse = pick("/eauth-test/", send(start.step()), "bg-maria", "cancel");

    AuthenticationFailure failure =
        catchThrowableOfType(
            AuthenticationFailure.class,
            () ->
                adapter.complete(
                    new NationalAnswer("POST", Map.of("SAMLResponse", List.of(samlResponse))),
                    start.pending()));

    assertThat(failure.reason()).isEqualTo(Reason.CANCELLED);
  }

  @Test
  void theSimulatorRefusesRequestsNotSignedByTheRegisteredKey() throws Exception {
    EAuthAdapter impostor =
        adapter(
            testSystem,
            "/eauth-test/",
            Set.of(Relaxation.SHA1_SIGNATURE),
            false,
            SamlBinding.POST,
            SimulatorKeys.rsa("Impostor"));

    String page = send(impostor.start(request(LevelOfAssurance.LOW)).step());

    assertThat(page).contains("request refused").contains("not signed by the signing key");
  }

  @Test
  void thePickerOffersOnlyPersonasReachingTheRequestedLevel() throws Exception {
    String page =
        send(testSystemAdapter(SamlBinding.POST).start(request(LevelOfAssurance.HIGH)).step());

    assertThat(page).contains("value=\"bg-maria\"").doesNotContain("value=\"bg-georgi\"");
    assertThat(page).contains("<html lang=\"bg\">").contains("<label for=\"persona-bg-maria\">");
  }
}
