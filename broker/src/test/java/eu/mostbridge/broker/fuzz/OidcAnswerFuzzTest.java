package eu.mostbridge.broker.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import eu.mostbridge.adapter.AuthenticationFailure;
import eu.mostbridge.adapter.AuthenticationRequest;
import eu.mostbridge.adapter.AuthenticationStart;
import eu.mostbridge.adapter.NationalAnswer;
import eu.mostbridge.identity.CommonIdentity;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.LevelOfAssurance;
import eu.mostbridge.mk.eid.EidMkClaimsMapper;
import eu.mostbridge.mk.eid.EidMkProfile;
import eu.mostbridge.oidc.OidcAdapterSettings;
import eu.mostbridge.oidc.OidcClient;
import eu.mostbridge.oidc.OidcCountryAdapter;
import eu.mostbridge.oidc.OidcProviderPeer;
import eu.mostbridge.oidc.OidcRelyingParty;
import eu.mostbridge.oidc.TokenShape;
import eu.mostbridge.replay.InMemoryReplayCache;
import eu.mostbridge.simulator.Personas;
import eu.mostbridge.simulator.http.SimulatorServer;
import eu.mostbridge.simulator.oidc.OidcSimulator;
import eu.mostbridge.simulator.oidc.OidcSimulatorSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenID Connect answer path of the eid.mk adapter on token responses replaced by the fuzzer's
 * bytes or with its bytes spliced into a genuine one: the response's JSON, the ID token's JWS
 * (parse, the algorithm allow-list, the signature by the provider's keys) and the access token's
 * use at userinfo. A splice into the signed token breaks its signature, so the claim checks behind
 * it (issuer, audience, nonce, times, level, mapping) see genuine claims only; the named faults of
 * {@code OidcAttackTest} and the simulator's round trips cover those. Every login ends in the
 * genuine person's identity or an {@link AuthenticationFailure} that does not hide a failure of
 * Most's own code, never another exception. Each input is a whole login against the OIDC simulator
 * over HTTP.
 */
class OidcAnswerFuzzTest {
  private static final String CALLBACK = "https://most.test/callback/mk-eid";
  private static final Pattern HANDLE = Pattern.compile("name=\"request\" value=\"([0-9a-f]+)\"");

  /** The EMBG of the persona every login is made as (mk-gjorgji). */
  private static final String GENUINE_PERSON = "1205990451235";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private static final OidcSimulator EID_MK;
  private static final OidcCountryAdapter ADAPTER;

  static {
    SimulatorServer server;
    try {
      server = SimulatorServer.onLoopback(0);
    } catch (java.io.IOException e) {
      throw new ExceptionInInitializerError(e);
    }
    EID_MK =
        new OidcSimulator(
            server.baseUri().resolve("/eid-mk"),
            OidcSimulatorSettings.eidMk("most", "fuzz-secret", CALLBACK),
            Personas.defaults());
    server.mount("/eid-mk/", EID_MK).start();
    String issuer = EID_MK.issuer().toString();
    OidcProviderPeer op =
        new OidcProviderPeer(
            issuer,
            URI.create(issuer + "/authorize"),
            URI.create(issuer + "/token"),
            Optional.of(URI.create(issuer + "/userinfo")),
            URI.create(issuer + "/jwks"),
            OidcProviderPeer.STRICT_ALGORITHMS,
            true,
            Duration.ofSeconds(60),
            Duration.ofSeconds(5),
            TokenShape.ID_TOKEN);
    ADAPTER =
        new OidcCountryAdapter(
            new OidcAdapterSettings(
                "mk-eid",
                CountryCode.MK,
                op,
                new OidcClient(
                    "most",
                    Optional.of("fuzz-secret"),
                    Optional.empty(),
                    URI.create(CALLBACK),
                    List.of("openid")),
                EidMkProfile.assumedDefault().acrValues(),
                Duration.ofMinutes(10)),
            new EidMkClaimsMapper(EidMkProfile.assumedDefault()),
            new InMemoryReplayCache(),
            Clock.systemUTC(),
            OidcRelyingParty.remoteKeys(op));
    // The simulator lives as long as the fuzzing JVM.
  }

  /** The unchanged answer is the genuine person: else the target would explore refusals only. */
  @org.junit.jupiter.api.Test
  void theGenuineAnswerIsAccepted() throws Exception {
    EID_MK.rewriteTokenResponses(java.util.function.UnaryOperator.identity());
    AuthenticationStart start = start();
    CommonIdentity accepted =
        ADAPTER.complete(new NationalAnswer("GET", answer(start)), start.pending());
    org.assertj.core.api.Assertions.assertThat(accepted.personIdentifier().value())
        .isEqualTo(GENUINE_PERSON);
  }

  private static AuthenticationStart start() throws AuthenticationFailure {
    return ADAPTER.start(
        new AuthenticationRequest(
            LevelOfAssurance.SUBSTANTIAL,
            CountryCode.BG,
            URI.create(CALLBACK),
            Locale.ENGLISH,
            false));
  }

  @FuzzTest
  @DictionaryEntries({
    "\"id_token\":\"",
    "\"access_token\":\"",
    "\"token_type\":\"Bearer\"",
    "eyJhbGciOiJub25lIn0",
    "\"alg\":\"none\"",
    "\"nonce\":\"",
    "\"acr\":\"",
    "\"embg\":\"",
    "\\u0000",
    "."
  })
  void everyLoginEndsInTheGenuinePersonOrAnAuthenticationFailure(FuzzedDataProvider data)
      throws Exception {
    if (data.consumeBoolean()) {
      AnswerFuzzing.Splice splice = AnswerFuzzing.Splice.consume(data);
      EID_MK.rewriteTokenResponses(splice::apply);
    } else {
      byte[] fuzzed = data.consumeRemainingAsBytes();
      EID_MK.rewriteTokenResponses(genuine -> fuzzed);
    }
    try {
      AuthenticationStart start = start();
      CommonIdentity accepted =
          ADAPTER.complete(new NationalAnswer("GET", answer(start)), start.pending());
      AnswerFuzzing.requireGenuine(accepted, GENUINE_PERSON);
    } catch (AuthenticationFailure refused) {
      AnswerFuzzing.requireNoHiddenFailure(refused);
    }
  }

  /** The citizen at eid.mk: its picker page, the persona chosen, the redirect back with a code. */
  private static Map<String, List<String>> answer(AuthenticationStart start) throws Exception {
    String picker =
        HTTP.send(
                HttpRequest.newBuilder(start.step().target())
                    .timeout(Duration.ofSeconds(10))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher handle = HANDLE.matcher(picker);
    if (!handle.find()) {
      throw new IllegalStateException("No picker page: " + picker);
    }
    HttpResponse<String> back =
        HTTP.send(
            HttpRequest.newBuilder(start.step().target().resolve("login"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "request=" + handle.group(1) + "&persona=mk-gjorgji&action=login",
                        StandardCharsets.UTF_8))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    URI location = URI.create(back.headers().firstValue("Location").orElseThrow());
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    for (String pair : location.getRawQuery().split("&", -1)) {
      String[] kv = pair.split("=", 2);
      parameters.put(
          java.net.URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
          new ArrayList<>(
              List.of(
                  java.net.URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8))));
    }
    return parameters;
  }
}
