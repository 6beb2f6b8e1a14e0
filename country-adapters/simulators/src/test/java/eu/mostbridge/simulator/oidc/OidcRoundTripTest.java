package eu.mostbridge.simulator.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jwt.JWTClaimsSet;
import eu.mostbridge.adapter.AuthenticationFailure;
import eu.mostbridge.adapter.AuthenticationFailure.Reason;
import eu.mostbridge.adapter.AuthenticationRequest;
import eu.mostbridge.adapter.AuthenticationStart;
import eu.mostbridge.adapter.BrowserStep;
import eu.mostbridge.adapter.CountryAdapter;
import eu.mostbridge.adapter.NationalAnswer;
import eu.mostbridge.bg.mvr.MvrClaimsMapper;
import eu.mostbridge.bg.mvr.MvrEid;
import eu.mostbridge.identity.CommonIdentity;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.Gender;
import eu.mostbridge.identity.LevelOfAssurance;
import eu.mostbridge.identity.ScriptTag;
import eu.mostbridge.mk.eid.EidMkClaimsMapper;
import eu.mostbridge.mk.eid.EidMkProfile;
import eu.mostbridge.oidc.OidcAdapterSettings;
import eu.mostbridge.oidc.OidcClient;
import eu.mostbridge.oidc.OidcCountryAdapter;
import eu.mostbridge.oidc.OidcDiscovery;
import eu.mostbridge.oidc.OidcProviderPeer;
import eu.mostbridge.oidc.OidcRelyingParty;
import eu.mostbridge.oidc.TokenShape;
import eu.mostbridge.replay.InMemoryReplayCache;
import eu.mostbridge.simulator.Personas;
import eu.mostbridge.simulator.http.FormData;
import eu.mostbridge.simulator.http.SimulatorServer;
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
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The MVR eID and eid.mk adapters against the OIDC simulator over real HTTP: the browser's
 * redirects and picker form, and the adapters' back-channel token, JWKS and userinfo calls.
 */
class OidcRoundTripTest {
  private static final String MVR_CALLBACK = "https://most.test/oidc/callback/bg-mvr-eid";
  private static final String MK_CALLBACK = "https://most.test/oidc/callback/mk-eid";
  private static final Pattern HANDLE = Pattern.compile("name=\"request\" value=\"([0-9a-f]+)\"");
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private static SimulatorServer server;
  private static OidcSimulator mvr;
  private static OidcSimulator eidMk;
  private static OidcSimulator mvrOwnFlow;

  @BeforeAll
  static void start() throws IOException {
    server = SimulatorServer.onLoopback(0);
    Personas personas = Personas.defaults();
    mvr =
        new OidcSimulator(
            server.baseUri().resolve("/mvr"),
            OidcSimulatorSettings.mvr("most-bg", "s3cret-bg", MVR_CALLBACK),
            personas);
    eidMk =
        new OidcSimulator(
            server.baseUri().resolve("/eid-mk"),
            OidcSimulatorSettings.eidMk("most-mk", "s3cret-mk", MK_CALLBACK),
            personas);
    mvrOwnFlow =
        new OidcSimulator(
            server.baseUri().resolve("/mvr-own"),
            OidcSimulatorSettings.mvrAsItsCodeShows("most-bg", "s3cret-bg", MVR_CALLBACK),
            personas);
    server.mount("/mvr/", mvr).mount("/eid-mk/", eidMk).mount("/mvr-own/", mvrOwnFlow).start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @AfterEach
  void behave() {
    mvr.misbehave(Set.of());
    eidMk.misbehave(Set.of());
    mvrOwnFlow.misbehave(Set.of());
  }

  private static OidcProviderPeer peer(OidcSimulator simulator, Set<String> algorithms) {
    String issuer = simulator.issuer().toString();
    return new OidcProviderPeer(
        issuer,
        URI.create(issuer + "/authorize"),
        URI.create(issuer + "/token"),
        Optional.of(URI.create(issuer + "/userinfo")),
        URI.create(issuer + "/jwks"),
        algorithms,
        true,
        Duration.ofSeconds(60),
        Duration.ofSeconds(5));
  }

  private static OidcCountryAdapter mvrAdapter(Set<String> algorithms) {
    OidcProviderPeer op = peer(mvr, algorithms);
    OidcClient client =
        new OidcClient(
            "most-bg",
            Optional.of("s3cret-bg"),
            Optional.empty(),
            URI.create(MVR_CALLBACK),
            List.of("openid"));
    return new OidcCountryAdapter(
        new OidcAdapterSettings(
            "bg-mvr-eid", CountryCode.BG, op, client, MvrEid.acrValues(), Duration.ofMinutes(10)),
        new MvrClaimsMapper(),
        new InMemoryReplayCache(),
        Clock.systemUTC(),
        OidcRelyingParty.remoteKeys(op));
  }

  /** The MVR adapter for the MVR's own flow: identity from the access token, level by scope. */
  private static OidcCountryAdapter mvrOwnFlowAdapter(Map<LevelOfAssurance, String> levelScopes) {
    String issuer = mvrOwnFlow.issuer().toString();
    OidcProviderPeer op =
        new OidcProviderPeer(
            issuer,
            URI.create(issuer + "/authorize"),
            URI.create(issuer + "/token"),
            Optional.of(URI.create(issuer + "/userinfo")),
            URI.create(issuer + "/jwks"),
            Set.of("RS256"),
            true,
            Duration.ofSeconds(60),
            Duration.ofSeconds(5),
            TokenShape.ACCESS_TOKEN);
    OidcClient client =
        new OidcClient(
            "most-bg",
            Optional.of("s3cret-bg"),
            Optional.empty(),
            URI.create(MVR_CALLBACK),
            List.of("openid"));
    return new OidcCountryAdapter(
        new OidcAdapterSettings(
            "bg-mvr-eid", CountryCode.BG, op, client, levelScopes, Duration.ofMinutes(10)),
        new MvrClaimsMapper(),
        new InMemoryReplayCache(),
        Clock.systemUTC(),
        OidcRelyingParty.remoteKeys(op));
  }

  @Test
  void theMvrsOwnFlowGivesTheIdentityInItsAccessTokenAndTheLevelAsAScope() throws Exception {
    OidcCountryAdapter adapter = mvrOwnFlowAdapter(MvrEid.levelScopes());
    assertThat(adapter.relaxations()).contains("ACCESS_TOKEN_IDENTITY", "RS256");
    AuthenticationStart start =
        adapter.start(request(LevelOfAssurance.SUBSTANTIAL, CountryCode.MK));
    assertThat(start.step().target().getQuery())
        .contains("eid_loa_high")
        .contains("prompt=login")
        .doesNotContain("acr_values");

    CommonIdentity maria = login(adapter, LevelOfAssurance.SUBSTANTIAL, CountryCode.MK, "bg-maria");
    assertThat(maria.personIdentifier().value()).isEqualTo("8703141379");
    assertThat(maria.levelOfAssurance()).isEqualTo(LevelOfAssurance.HIGH);
    assertThat(maria.dateOfBirth()).isEqualTo(LocalDate.of(1987, 3, 14));

    CommonIdentity john = login(adapter, LevelOfAssurance.HIGH, CountryCode.MK, "bg-john-lnch");
    assertThat(john.personIdentifier().value()).isEqualTo("7111042925");
    assertThat(john.dateOfBirth()).isEqualTo(LocalDate.of(1980, 6, 15));
  }

  @Test
  void theMvrsOwnFlowIsRefusedWhenItsAccessTokenIsNotItsOwn() throws Exception {
    OidcCountryAdapter adapter = mvrOwnFlowAdapter(MvrEid.levelScopes());
    for (OidcMisbehaviour fault :
        List.of(
            OidcMisbehaviour.WRONG_SIGNING_KEY,
            OidcMisbehaviour.UNSIGNED,
            OidcMisbehaviour.HMAC_WITH_PUBLIC_KEY,
            OidcMisbehaviour.EXPIRED,
            OidcMisbehaviour.WRONG_ISSUER,
            OidcMisbehaviour.WRONG_AUDIENCE,
            OidcMisbehaviour.LOWER_LEVEL,
            OidcMisbehaviour.REUSED_SESSION)) {
      mvrOwnFlow.misbehave(Set.of(fault));
      AuthenticationFailure failure =
          catchThrowableOfType(
              AuthenticationFailure.class,
              () -> login(adapter, LevelOfAssurance.HIGH, CountryCode.MK, "bg-maria"));
      assertThat(failure).as("%s refused", fault).isNotNull();
    }
  }

  /** Each check of the access token, by one claim made wrong; the first row is the control. */
  @ParameterizedTest
  @CsvSource({
    "as issued, ",
    "no azp, issued to another client (azp)",
    "azp of another client, issued to another client (azp)",
    "typ ID, not an access token (typ ID)",
    "no iat, no issue time",
    "iat in an hour, no issue time, or one in the future",
    "nbf in an hour, not yet valid",
    "auth_time in an hour, authenticated in the future",
    "nonce of another login, another login (nonce)",
    "acr 0, reused a session",
    "no subject, no subject",
  })
  void eachCheckOfTheMvrsAccessTokenRefusesItsOwnForgery(String change, String refusal)
      throws Exception {
    OidcCountryAdapter adapter = mvrOwnFlowAdapter(MvrEid.levelScopes());
    Date inAnHour = Date.from(java.time.Instant.now().plus(Duration.ofHours(1)));
    mvrOwnFlow.rewriteAccessTokens(
        claims -> {
          JWTClaimsSet.Builder b = new JWTClaimsSet.Builder(claims);
          return switch (change) {
            case "as issued" -> claims;
            case "no azp" -> b.claim("azp", null).build();
            case "azp of another client" -> b.claim("azp", "another-client").build();
            case "typ ID" -> b.claim("typ", "ID").build();
            case "no iat" -> b.issueTime(null).build();
            case "iat in an hour" -> b.issueTime(inAnHour).build();
            case "nbf in an hour" -> b.notBeforeTime(inAnHour).build();
            case "auth_time in an hour" ->
                b.claim("auth_time", inAnHour.toInstant().getEpochSecond()).build();
            case "nonce of another login" -> b.claim("nonce", "another").build();
            case "acr 0" -> b.claim("acr", "0").build();
            case "no subject" -> b.subject(null).build();
            default -> throw new IllegalArgumentException(change);
          };
        });
    try {
      if (refusal == null) {
        assertThat(login(adapter, LevelOfAssurance.HIGH, CountryCode.MK, "bg-maria")).isNotNull();
        return;
      }
      AuthenticationFailure failure =
          catchThrowableOfType(
              AuthenticationFailure.class,
              () -> login(adapter, LevelOfAssurance.HIGH, CountryCode.MK, "bg-maria"));
      assertThat(failure).as(change).isNotNull();
      assertThat(failure.getMessage()).as(change).contains(refusal);
    } finally {
      mvrOwnFlow.rewriteAccessTokens(java.util.function.UnaryOperator.identity());
    }
  }

  @Test
  void aLowLevelLoginOfTheMvrsOwnFlowCarriesNoIdentifierAndIsRefused() {
    Map<LevelOfAssurance, String> withLow = new java.util.EnumMap<>(LevelOfAssurance.class);
    withLow.put(LevelOfAssurance.LOW, "eid_loa_low");
    withLow.put(LevelOfAssurance.HIGH, "eid_loa_high");
    AuthenticationFailure failure =
        catchThrowableOfType(
            AuthenticationFailure.class,
            () ->
                login(
                    mvrOwnFlowAdapter(withLow),
                    LevelOfAssurance.LOW,
                    CountryCode.MK,
                    "bg-mariyana"));
    assertThat(failure.reason()).isEqualTo(AuthenticationFailure.Reason.INVALID_IDENTITY);
    assertThat(failure.getMessage()).contains("citizen_identifier is missing");
  }

  private static OidcCountryAdapter mkAdapter() {
    OidcProviderPeer op = peer(eidMk, OidcProviderPeer.STRICT_ALGORITHMS);
    OidcClient client =
        new OidcClient(
            "most-mk",
            Optional.of("s3cret-mk"),
            Optional.empty(),
            URI.create(MK_CALLBACK),
            List.of("openid"));
    EidMkProfile profile = EidMkProfile.assumedDefault();
    return new OidcCountryAdapter(
        new OidcAdapterSettings(
            "mk-eid", CountryCode.MK, op, client, profile.acrValues(), Duration.ofMinutes(10)),
        new EidMkClaimsMapper(profile),
        new InMemoryReplayCache(),
        Clock.systemUTC(),
        OidcRelyingParty.remoteKeys(op));
  }

  private static AuthenticationRequest request(LevelOfAssurance minimum, CountryCode destination) {
    return new AuthenticationRequest(
        minimum, destination, URI.create("https://most.test/cb"), Locale.ENGLISH, false);
  }

  /**
   * The browser: follows the adapter's redirect, picks on the simulator's page, returns the
   * callback query.
   */
  private static Map<String, List<String>> browse(BrowserStep step, String persona, String action)
      throws IOException, InterruptedException {
    HttpResponse<String> picker =
        HTTP.send(
            HttpRequest.newBuilder(step.target()).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    Matcher handle = HANDLE.matcher(picker.body());
    assertThat(handle.find()).as("a picker page: %s", picker.body()).isTrue();
    URI login = step.target().resolve("login");
    HttpResponse<String> back =
        HTTP.send(
            HttpRequest.newBuilder(login)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "request="
                            + handle.group(1)
                            + "&persona="
                            + URLEncoder.encode(persona, StandardCharsets.UTF_8)
                            + "&action="
                            + action))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(back.statusCode()).isEqualTo(303);
    URI location = URI.create(back.headers().firstValue("Location").orElseThrow());
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    FormData.parse(location.getRawQuery())
        .forEach((k, v) -> parameters.put(k, new ArrayList<>(List.of(v))));
    return parameters;
  }

  private static CommonIdentity login(
      CountryAdapter adapter, LevelOfAssurance level, CountryCode destination, String persona)
      throws Exception {
    AuthenticationStart start = adapter.start(request(level, destination));
    return adapter.complete(
        new NationalAnswer("GET", browse(start.step(), persona, "login")), start.pending());
  }

  @Test
  void aBulgarianCitizenThroughTheMvrEid() throws Exception {
    CommonIdentity maria =
        login(mvrAdapter(Set.of("RS256")), LevelOfAssurance.HIGH, CountryCode.MK, "bg-maria");

    assertThat(maria.personIdentifier().toEidasForm()).isEqualTo("BG/MK/8703141379");
    assertThat(maria.givenName().latin()).as("no Latin claim: the Act").isEqualTo("Maria Shtereva");
    assertThat(maria.givenName().nativeForm()).contains("Мария Щерева");
    assertThat(maria.familyName().latin()).isEqualTo("Petrova");
    assertThat(maria.dateOfBirth()).as("from the EGN").isEqualTo(LocalDate.of(1987, 3, 14));
    assertThat(maria.gender()).contains(Gender.FEMALE);
    assertThat(maria.levelOfAssurance()).isEqualTo(LevelOfAssurance.HIGH);

    CommonIdentity georgi =
        login(
            mvrAdapter(Set.of("RS256")), LevelOfAssurance.SUBSTANTIAL, CountryCode.MK, "bg-georgi");
    assertThat(georgi.givenName().latin())
        .as("MVR's Latin claims win")
        .isEqualTo("Georgi Iordanov");
    assertThat(georgi.levelOfAssurance()).isEqualTo(LevelOfAssurance.SUBSTANTIAL);
  }

  @Test
  void aMacedonianCitizenThroughEidMkAtEachLevel() throws Exception {
    CommonIdentity gjorgji =
        login(mkAdapter(), LevelOfAssurance.HIGH, CountryCode.BG, "mk-gjorgji");
    CommonIdentity ljubica =
        login(mkAdapter(), LevelOfAssurance.SUBSTANTIAL, CountryCode.BG, "mk-ljubica");
    CommonIdentity dzvezdan =
        login(mkAdapter(), LevelOfAssurance.LOW, CountryCode.BG, "mk-dzvezdan");

    assertThat(gjorgji.personIdentifier().toEidasForm()).isEqualTo("MK/BG/1205990451235");
    assertThat(gjorgji.givenName().latin()).isEqualTo("Gjorgji");
    assertThat(gjorgji.familyName().latin()).isEqualTo("Djambazovski");
    assertThat(gjorgji.familyName().nativeScript()).contains(ScriptTag.MACEDONIAN_CYRILLIC);
    assertThat(gjorgji.levelOfAssurance()).isEqualTo(LevelOfAssurance.HIGH);
    assertThat(ljubica.givenName().latin()).isEqualTo("Ljubica");
    assertThat(ljubica.familyName().latin()).isEqualTo("Kjosevska");
    assertThat(ljubica.dateOfBirth()).isEqualTo(LocalDate.of(2001, 9, 3));
    assertThat(ljubica.gender()).contains(Gender.FEMALE);
    assertThat(dzvezdan.givenName().latin()).isEqualTo("Dzvezdan");
    assertThat(dzvezdan.familyName().latin()).isEqualTo("Njagulovski");
    assertThat(dzvezdan.levelOfAssurance()).isEqualTo(LevelOfAssurance.LOW);
  }

  @Test
  void eachAdapterNamesItsRelaxationsForLogsAndAudits() {
    assertThat(mvrAdapter(Set.of("RS256", "PS256")).relaxations()).containsExactly("RS256");
    assertThat(mkAdapter().relaxations()).isEmpty();
  }

  @Test
  void theStrictAlgorithmSetRefusesTheMvrsRs256UnlessRelaxed() {
    AuthenticationFailure failure =
        catchThrowableOfType(
            AuthenticationFailure.class,
            () ->
                login(
                    mvrAdapter(OidcProviderPeer.STRICT_ALGORITHMS),
                    LevelOfAssurance.LOW,
                    CountryCode.MK,
                    "bg-maria"));

    assertThat(failure.reason()).isEqualTo(Reason.BAD_SIGNATURE);
    assertThat(failure.getMessage()).contains("RS256");
  }

  @ParameterizedTest
  // A reused session is an OpenID provider's single sign-on, refused only when a new login was
  // asked for (the MVR's own flow always asks: theMvrsOwnFlowIsRefused...).
  @EnumSource(
      value = OidcMisbehaviour.class,
      names = "REUSED_SESSION",
      mode = EnumSource.Mode.EXCLUDE)
  void refusesEveryMisbehaviour(OidcMisbehaviour fault) {
    eidMk.misbehave(Set.of(fault));

    AuthenticationFailure failure =
        catchThrowableOfType(
            AuthenticationFailure.class,
            () -> login(mkAdapter(), LevelOfAssurance.SUBSTANTIAL, CountryCode.BG, "mk-gjorgji"));

    Reason expected =
        switch (fault) {
          case WRONG_SIGNING_KEY, UNSIGNED, HMAC_WITH_PUBLIC_KEY -> Reason.BAD_SIGNATURE;
          case EXPIRED, REUSED_SESSION -> Reason.EXPIRED;
          case WRONG_AUDIENCE,
              WRONG_ISSUER,
              WRONG_NONCE,
              WRONG_STATE,
              MISSING_ISS,
              USERINFO_OTHER_SUBJECT ->
              Reason.WRONG_PARTY;
          case LOWER_LEVEL -> Reason.LEVEL_TOO_LOW;
          case MISSING_IDENTIFIER -> Reason.INVALID_IDENTITY;
          case ERROR_RESPONSE -> Reason.CANCELLED;
        };
    assertThat(failure).as(fault.name()).isNotNull();
    assertThat(failure.reason()).as(failure.getMessage()).isEqualTo(expected);
  }

  @Test
  void discoveryFindsTheProviderAndALoginWorksWithWhatItFound() throws Exception {
    OidcProviderPeer discovered =
        OidcDiscovery.discover(
            eidMk.issuer().toString(),
            OidcProviderPeer.STRICT_ALGORITHMS,
            true,
            Duration.ofSeconds(5));

    assertThat(discovered.tokenEndpoint()).isEqualTo(URI.create(eidMk.issuer() + "/token"));
    assertThat(discovered.idTokenAlgorithms()).containsExactly("ES256");
    OidcClient client =
        new OidcClient(
            "most-mk",
            Optional.of("s3cret-mk"),
            Optional.empty(),
            URI.create(MK_CALLBACK),
            List.of("openid"));
    EidMkProfile profile = EidMkProfile.assumedDefault();
    OidcCountryAdapter adapter =
        new OidcCountryAdapter(
            new OidcAdapterSettings(
                "mk-eid",
                CountryCode.MK,
                discovered,
                client,
                profile.acrValues(),
                Duration.ofMinutes(5)),
            new EidMkClaimsMapper(profile),
            new InMemoryReplayCache(),
            Clock.systemUTC(),
            OidcRelyingParty.remoteKeys(discovered));
    assertThat(
            login(adapter, LevelOfAssurance.LOW, CountryCode.BG, "mk-dzvezdan")
                .personIdentifier()
                .value())
        .isEqualTo("2802955490777");

    assertThatThrownBy(
            () ->
                OidcDiscovery.discover(
                    server.baseUri() + "/nowhere",
                    OidcProviderPeer.STRICT_ALGORITHMS,
                    true,
                    Duration.ofSeconds(5)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("HTTP 404");
  }

  @Test
  void theSameCallbackCannotCompleteTwice() throws Exception {
    OidcCountryAdapter adapter = mkAdapter();
    AuthenticationStart start = adapter.start(request(LevelOfAssurance.LOW, CountryCode.BG));
    NationalAnswer answer = new NationalAnswer("GET", browse(start.step(), "mk-gjorgji", "login"));
    adapter.complete(answer, start.pending());

    AuthenticationFailure failure =
        catchThrowableOfType(
            AuthenticationFailure.class, () -> adapter.complete(answer, start.pending()));

    assertThat(failure.reason()).isEqualTo(Reason.REPLAYED);
  }

  @Test
  void aCancelIsReportedAsCancelled() throws Exception {
    OidcCountryAdapter adapter = mkAdapter();
    AuthenticationStart start = adapter.start(request(LevelOfAssurance.LOW, CountryCode.BG));
    NationalAnswer answer = new NationalAnswer("GET", browse(start.step(), "mk-gjorgji", "cancel"));

    AuthenticationFailure failure =
        catchThrowableOfType(
            AuthenticationFailure.class, () -> adapter.complete(answer, start.pending()));

    assertThat(failure.reason()).isEqualTo(Reason.CANCELLED);
  }

  @Test
  void theSimulatorRefusesAnUnregisteredRedirectUriWithoutRedirecting() throws Exception {
    URI authorize =
        URI.create(
            eidMk.issuer()
                + "/authorize?client_id=most-mk&redirect_uri="
                + URLEncoder.encode("https://evil.test/cb", StandardCharsets.UTF_8)
                + "&response_type=code&scope=openid&state=s&nonce=n&code_challenge=c&code_challenge_method=S256");

    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(authorize).GET().build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Location")).isEmpty();
  }
}
