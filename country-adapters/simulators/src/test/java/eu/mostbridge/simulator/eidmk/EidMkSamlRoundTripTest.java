package eu.mostbridge.simulator.eidmk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import eu.mostbridge.adapter.AuthenticationFailure;
import eu.mostbridge.adapter.AuthenticationFailure.Reason;
import eu.mostbridge.adapter.AuthenticationRequest;
import eu.mostbridge.adapter.AuthenticationStart;
import eu.mostbridge.adapter.BrowserStep;
import eu.mostbridge.adapter.NationalAnswer;
import eu.mostbridge.identity.CommonIdentity;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.Gender;
import eu.mostbridge.identity.LevelOfAssurance;
import eu.mostbridge.mk.eid.EidMkClaimsMapper;
import eu.mostbridge.mk.eid.EidMkProfile;
import eu.mostbridge.replay.InMemoryReplayCache;
import eu.mostbridge.saml.AlgorithmPolicy;
import eu.mostbridge.saml.IdentityProviderPeer;
import eu.mostbridge.saml.SamlAdapterSettings;
import eu.mostbridge.saml.SamlBinding;
import eu.mostbridge.saml.SamlCountryAdapter;
import eu.mostbridge.saml.ServiceProviderIdentity;
import eu.mostbridge.simulator.Personas;
import eu.mostbridge.simulator.SimulatorKeys;
import eu.mostbridge.simulator.http.SimulatorServer;
import eu.mostbridge.simulator.saml.RegisteredServiceProvider;
import eu.mostbridge.simulator.saml.SamlIdpSettings;
import eu.mostbridge.simulator.saml.SamlIdpSimulator;
import eu.mostbridge.simulator.saml.SamlMisbehaviour;
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
import org.opensaml.security.x509.BasicX509Credential;

/**
 * eid.mk's SAML binding (Most's assumed eIDAS-style profile) against the SAML IdP simulator over
 * HTTP.
 */
class EidMkSamlRoundTripTest {
  private static final String SP_ENTITY = "https://most.test/saml/mk-eid";
  private static final String ACS = "https://most.test/saml/acs/mk-eid-saml";
  private static final Pattern HANDLE = Pattern.compile("name=\"request\" value=\"([0-9a-f]+)\"");
  private static final Pattern SAML_RESPONSE =
      Pattern.compile("name=\"SAMLResponse\" value=\"([^\"]+)\"");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static SimulatorKeys spSigning;
  private static SimulatorKeys spEncryption;
  private static SamlIdpSimulator simulator;
  private static SimulatorServer server;

  @BeforeAll
  static void start() throws IOException {
    spSigning = SimulatorKeys.rsa("Most SP signing");
    spEncryption = SimulatorKeys.rsa("Most SP encryption");
    simulator =
        new SamlIdpSimulator(
            new EidMkSamlProfile("BG"),
            SamlIdpSettings.eidasStrict("https://eid.mk.sim/saml"),
            Personas.defaults(),
            SimulatorKeys.rsa("eid.mk sim"),
            List.of(
                new RegisteredServiceProvider(
                    SP_ENTITY, ACS, spSigning.certificate(), spEncryption.certificate())));
    server = SimulatorServer.onLoopback(0).mount("/eid-mk-saml/", simulator).start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @AfterEach
  void behave() {
    simulator.misbehave(Set.of());
  }

  private static SamlCountryAdapter adapter(SamlBinding binding) {
    EidMkProfile profile = EidMkProfile.assumedSamlDefault();
    IdentityProviderPeer idp =
        IdentityProviderPeer.strict(
            "https://eid.mk.sim/saml",
            server.baseUri().resolve("/eid-mk-saml/SingleSignOnService"),
            List.of(simulator.signingCertificate()));
    ServiceProviderIdentity sp =
        new ServiceProviderIdentity(
            SP_ENTITY,
            URI.create(ACS),
            new BasicX509Credential(spSigning.certificate(), spSigning.privateKey()),
            List.of(
                new BasicX509Credential(spEncryption.certificate(), spEncryption.privateKey())));
    return new SamlCountryAdapter(
        new SamlAdapterSettings(
            "mk-eid-saml",
            CountryCode.MK,
            sp,
            idp,
            binding,
            profile.acrValues(),
            AlgorithmPolicy.RSA_PSS_SHA256,
            Duration.ofMinutes(10)),
        new EidMkClaimsMapper(profile),
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

  private static CommonIdentity login(
      SamlCountryAdapter adapter, LevelOfAssurance level, String persona) throws Exception {
    AuthenticationStart start =
        adapter.start(
            new AuthenticationRequest(
                level, CountryCode.BG, URI.create(ACS), Locale.ENGLISH, false));
    HttpRequest first =
        start.step() instanceof BrowserStep.FormPost post
            ? HttpRequest.newBuilder(post.target())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(post.fields())))
                .build()
            : HttpRequest.newBuilder(start.step().target()).GET().build();
    String picker = HTTP.send(first, HttpResponse.BodyHandlers.ofString()).body();
    Matcher handle = HANDLE.matcher(picker);
    assertThat(handle.find()).as(picker).isTrue();
    String answer =
        HTTP.send(
                HttpRequest.newBuilder(server.baseUri().resolve("/eid-mk-saml/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            form(
                                Map.of(
                                    "request",
                                    handle.group(1),
                                    "persona",
                                    persona,
                                    "action",
                                    "login"))))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher response = SAML_RESPONSE.matcher(answer);
    assertThat(response.find()).as(answer).isTrue();
    return adapter.complete(
        new NationalAnswer("POST", Map.of("SAMLResponse", List.of(response.group(1)))),
        start.pending());
  }

  @ParameterizedTest(name = "{0} binding, minimum {1}")
  @CsvSource({
    "POST, LOW",
    "POST, SUBSTANTIAL",
    "POST, HIGH",
    "REDIRECT, LOW",
    "REDIRECT, SUBSTANTIAL",
    "REDIRECT, HIGH"
  })
  void aMacedonianCitizenOverSamlAtEachLevel(SamlBinding binding, LevelOfAssurance level)
      throws Exception {
    CommonIdentity identity = login(adapter(binding), level, "mk-gjorgji");

    assertThat(identity.personIdentifier().toEidasForm()).isEqualTo("MK/BG/1205990451235");
    assertThat(identity.givenName().latin()).isEqualTo("Gjorgji");
    assertThat(identity.familyName().latin()).isEqualTo("Djambazovski");
    assertThat(identity.dateOfBirth()).isEqualTo(LocalDate.of(1990, 5, 12));
    assertThat(identity.gender()).contains(Gender.MALE);
    assertThat(identity.levelOfAssurance()).isEqualTo(level);
  }

  @Test
  void refusesAMissingIdentifierAndAForeignSignature() {
    simulator.misbehave(Set.of(SamlMisbehaviour.MISSING_ATTRIBUTE));
    AuthenticationFailure missing =
        catchThrowableOfType(
            AuthenticationFailure.class,
            () -> login(adapter(SamlBinding.POST), LevelOfAssurance.LOW, "mk-ljubica"));
    assertThat(missing.reason()).isEqualTo(Reason.INVALID_IDENTITY);

    simulator.misbehave(Set.of(SamlMisbehaviour.WRONG_SIGNING_KEY));
    AuthenticationFailure forged =
        catchThrowableOfType(
            AuthenticationFailure.class,
            () -> login(adapter(SamlBinding.POST), LevelOfAssurance.LOW, "mk-ljubica"));
    assertThat(forged.reason()).isEqualTo(Reason.BAD_SIGNATURE);
  }
}
