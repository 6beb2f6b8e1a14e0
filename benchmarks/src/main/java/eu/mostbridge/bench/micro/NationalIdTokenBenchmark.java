package eu.mostbridge.bench.micro;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.validators.IDTokenClaimsVerifier;
import eu.mostbridge.adapter.AuthenticationFailure;
import eu.mostbridge.adapter.AuthenticationRequest;
import eu.mostbridge.adapter.AuthenticationStart;
import eu.mostbridge.adapter.ClaimsMapper;
import eu.mostbridge.adapter.NationalAnswer;
import eu.mostbridge.adapter.NationalClaims;
import eu.mostbridge.adapter.PendingAuthentication;
import eu.mostbridge.bg.mvr.MvrClaimsMapper;
import eu.mostbridge.bg.mvr.MvrEid;
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
import eu.mostbridge.replay.InMemoryReplayCache;
import eu.mostbridge.simulator.Personas;
import eu.mostbridge.simulator.http.SimulatorServer;
import eu.mostbridge.simulator.oidc.OidcSimulator;
import eu.mostbridge.simulator.oidc.OidcSimulatorSettings;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What validating one national OpenID Connect answer costs Most, for the MVR eID ({@code
 * bg-mvr-eid}: RS256, RSA-2048, an explicit relaxation) and eid.mk ({@code mk-eid}: ES256, strict).
 * Most validates the ID token (signature with the provider's JWKS only, allowed algorithms, {@code
 * iss}, {@code aud}, {@code exp}, {@code nonce}) inside {@code OidcRelyingParty.complete}, in a
 * private method right after the code exchange; there is no narrower public entry point. Hence two
 * measurements, which must not be confused:
 *
 * <ul>
 *   <li>{@link #completeOverHttp}: {@link OidcCountryAdapter#complete}, the real entry point, end
 *       to end. Per operation it makes two loopback HTTP calls to the simulator in this same JVM
 *       (the code exchange at {@code /token} and {@code /userinfo}); the simulator's work is in the
 *       figure, including signing the ID token (an RSA-2048 signature for MVR, ES256 for eid.mk),
 *       so it is an upper bound of Most's own CPU, and mostly measures HTTP on loopback. By default
 *       for the MVR eID only ({@link LoginProvider}). Each operation gets a fresh code (codes are
 *       single-use and live 60 s) from a login made in a per-invocation setup, which is not timed.
 *       The state goes through a real {@link InMemoryReplayCache}. The JWKS is fetched once and
 *       cached, as in production.
 *   <li>{@link #validateIdToken}: Most's ID token checks without any network: the same Nimbus
 *       {@link DefaultJWTProcessor} set up as {@code OidcRelyingParty} sets it up (a new processor
 *       per token, {@link JWSVerificationKeySelector} over the allowed algorithms and the cached
 *       remote JWKS source, {@link IDTokenClaimsVerifier} for iss, aud, nonce, exp/iat, plus Most's
 *       own expiry check against its clock), then the level check and the country's {@link
 *       ClaimsMapper} to a {@link CommonIdentity}. Input: real ID tokens the simulator signed, from
 *       a pool made at trial start by real logins and code exchanges (they expire after 5 min; a
 *       trial lasts far less). This is Most's CPU per national OIDC answer, minus the two HTTP
 *       calls and the replay record of the state.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// The simulators run on the JDK's HTTP server, which without TCP_NODELAY stalls each response
// ~40 ms (Nagle against delayed ACKs on loopback); real servers set it.
@Fork(value = 1, jvmArgsAppend = "-Dsun.net.httpserver.nodelay=true")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class NationalIdTokenBenchmark {
  private static final String CLIENT_SECRET = "bench-secret";

  /** One national OpenID provider simulated on loopback, and Most's adapter for it. */
  abstract static class Provider {
    /**
     * How many distinct ID tokens {@link NationalIdTokenBenchmark#validateIdToken} cycles through.
     */
    int tokenPoolSize;

    SimulatorServer server;
    OidcSimulator simulator;
    OidcProviderPeer op;
    OidcClient client;
    Map<LevelOfAssurance, String> acrValues;
    ClaimsMapper mapper;
    JWKSource<SecurityContext> keys;
    OidcCountryAdapter adapter;
    List<IssuedToken> tokens;
    final AtomicInteger next = new AtomicInteger();
    final LoopbackBrowser browser = new LoopbackBrowser();

    /** {@code bg-mvr-eid} or {@code mk-eid}. */
    abstract String eid();

    boolean mvr() {
      return eid().equals("bg-mvr-eid");
    }

    String persona() {
      return mvr() ? "bg-maria" : "mk-gjorgji";
    }

    CountryCode destination() {
      return mvr() ? CountryCode.MK : CountryCode.BG;
    }

    void start() throws Exception {
      String eid = eid();
      String callback = "https://most.bench/oidc/callback/" + eid;
      String clientId = "most-" + eid;
      server = SimulatorServer.onLoopback(0);
      simulator =
          new OidcSimulator(
              server.baseUri().resolve("/op"),
              mvr()
                  ? OidcSimulatorSettings.mvr(clientId, CLIENT_SECRET, callback)
                  : OidcSimulatorSettings.eidMk(clientId, CLIENT_SECRET, callback),
              Personas.defaults());
      server.mount("/op/", simulator).start();
      String issuer = simulator.issuer().toString();
      // MVR signs with RS256 (Keycloak's default): accepted only as its explicit relaxation.
      op =
          new OidcProviderPeer(
              issuer,
              URI.create(issuer + "/authorize"),
              URI.create(issuer + "/token"),
              Optional.of(URI.create(issuer + "/userinfo")),
              URI.create(issuer + "/jwks"),
              mvr() ? Set.of("RS256") : OidcProviderPeer.STRICT_ALGORITHMS,
              true,
              Duration.ofSeconds(60),
              Duration.ofSeconds(5));
      client =
          new OidcClient(
              clientId,
              Optional.of(CLIENT_SECRET),
              Optional.empty(),
              URI.create(callback),
              List.of("openid"));
      if (mvr()) {
        acrValues = MvrEid.acrValues();
        mapper = new MvrClaimsMapper();
      } else {
        EidMkProfile profile = EidMkProfile.assumedDefault();
        acrValues = profile.acrValues();
        mapper = new EidMkClaimsMapper(profile);
      }
      keys = OidcRelyingParty.remoteKeys(op);
      adapter =
          new OidcCountryAdapter(
              new OidcAdapterSettings(
                  eid,
                  mvr() ? CountryCode.BG : CountryCode.MK,
                  op,
                  client,
                  acrValues,
                  Duration.ofMinutes(10)),
              mapper,
              new InMemoryReplayCache(),
              Clock.systemUTC(),
              keys);

      List<IssuedToken> issued = new ArrayList<>(tokenPoolSize);
      for (int i = 0; i < tokenPoolSize; i++) {
        AuthenticationStart started = adapter.start(request());
        NationalAnswer answer = browser.oidcLogin(started.step(), persona());
        String code = answer.single("code").orElseThrow();
        issued.add(
            new IssuedToken(
                browser.idToken(
                    URI.create(issuer + "/token"),
                    clientId,
                    CLIENT_SECRET,
                    callback,
                    code,
                    started.pending().protocolState().get(OidcRelyingParty.CODE_VERIFIER)),
                started.pending()));
      }
      tokens = List.copyOf(issued);
    }

    AuthenticationRequest request() {
      return new AuthenticationRequest(
          LevelOfAssurance.SUBSTANTIAL,
          destination(),
          URI.create("https://most.bench/cb"),
          Locale.ENGLISH,
          false);
    }

    void stop() {
      if (server != null) {
        server.close();
      }
    }
  }

  /** The provider whose ID tokens {@link NationalIdTokenBenchmark#validateIdToken} validates. */
  @State(Scope.Benchmark)
  public static class TokenIssuer extends Provider {
    @Param({"bg-mvr-eid", "mk-eid"})
    public String eid;

    public TokenIssuer() {
      tokenPoolSize = 16;
    }

    @Override
    String eid() {
      return eid;
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      start();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      stop();
    }
  }

  /**
   * The provider {@link NationalIdTokenBenchmark#completeOverHttp} completes logins at. Only the
   * MVR eID by default, to keep a full run short: both providers run the same code over HTTP, and
   * their signature algorithms are compared by {@link NationalIdTokenBenchmark#validateIdToken};
   * {@code -p eid=bg-mvr-eid,mk-eid} runs both.
   */
  @State(Scope.Benchmark)
  public static class LoginProvider extends Provider {
    @Param({"bg-mvr-eid"})
    public String eid;

    @Override
    String eid() {
      return eid;
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      start();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      stop();
    }
  }

  /** An ID token the simulator issued, and the pending login (nonce) it answers. */
  record IssuedToken(String serialized, PendingAuthentication pending) {}

  /** A fresh, unused answer (code, state, iss) for one {@link #completeOverHttp} operation. */
  @State(Scope.Thread)
  public static class FreshAnswer {
    NationalAnswer answer;
    PendingAuthentication pending;

    // Per invocation because each code is single-use; a login costs about as much as complete()
    // itself, which is long enough (around a millisecond) for JMH's per-invocation timing.
    @Setup(Level.Invocation)
    public void login(LoginProvider provider) throws Exception {
      AuthenticationStart started = provider.adapter.start(provider.request());
      pending = started.pending();
      answer = provider.browser.oidcLogin(started.step(), provider.persona());
    }
  }

  @Benchmark
  public CommonIdentity completeOverHttp(LoginProvider provider, FreshAnswer fresh)
      throws AuthenticationFailure {
    return provider.adapter.complete(fresh.answer, fresh.pending);
  }

  @Benchmark
  public CommonIdentity validateIdToken(TokenIssuer provider)
      throws ParseException, BadJOSEException, JOSEException, AuthenticationFailure {
    IssuedToken token =
        provider.tokens.get(Math.floorMod(provider.next.getAndIncrement(), provider.tokens.size()));
    return validate(provider, token);
  }

  /** Most's checks of one ID token and the mapping of its claims, without the network. */
  static CommonIdentity validate(Provider provider, IssuedToken token)
      throws ParseException, BadJOSEException, JOSEException, AuthenticationFailure {
    SignedJWT jwt = SignedJWT.parse(token.serialized());
    OidcProviderPeer op = provider.op;
    if (!op.idTokenAlgorithms().contains(jwt.getHeader().getAlgorithm().getName())) {
      throw new BadJOSEException("ID token algorithm not allowed");
    }
    PendingAuthentication pending = token.pending();
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    Set<JWSAlgorithm> allowed =
        op.idTokenAlgorithms().stream().map(JWSAlgorithm::parse).collect(Collectors.toSet());
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(allowed, provider.keys));
    IDTokenClaimsVerifier verifier =
        new IDTokenClaimsVerifier(
            new Issuer(op.issuer()),
            new ClientID(provider.client.clientId()),
            new Nonce(pending.protocolState().get(OidcRelyingParty.NONCE)),
            (int) op.clockSkew().toSeconds());
    processor.setJWTClaimsSetVerifier(
        (claims, context) -> {
          verifier.verify(claims, context);
          Date expiry = claims.getExpirationTime();
          if (expiry != null && !Instant.now().minus(op.clockSkew()).isBefore(expiry.toInstant())) {
            throw new BadJWTException("Expired ID token");
          }
        });
    JWTClaimsSet claims = processor.process(jwt, null);
    Object authTime = claims.getClaim("auth_time");
    Instant authenticated =
        authTime instanceof Number seconds
            ? Instant.ofEpochSecond(seconds.longValue())
            : claims.getIssueTime().toInstant();
    NationalClaims national =
        new NationalClaims(
            op.issuer(),
            claims.getSubject(),
            Optional.ofNullable(claims.getClaim("acr")).map(Object::toString),
            authenticated,
            claims.getClaims());
    LevelOfAssurance achieved = pending.achievedLevel(provider.acrValues, national.acr(), "acr");
    return provider.mapper.map(national, pending.destination(), achieved);
  }
}
