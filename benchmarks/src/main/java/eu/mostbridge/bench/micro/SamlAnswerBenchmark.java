package eu.mostbridge.bench.micro;

import eu.mostbridge.adapter.AuthenticationFailure;
import eu.mostbridge.adapter.AuthenticationRequest;
import eu.mostbridge.adapter.AuthenticationStart;
import eu.mostbridge.adapter.CountryAdapter;
import eu.mostbridge.adapter.NationalAnswer;
import eu.mostbridge.adapter.PendingAuthentication;
import eu.mostbridge.bg.eauth.EAuthAdapter;
import eu.mostbridge.bg.eauth.EAuthSettings;
import eu.mostbridge.identity.CommonIdentity;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.LevelOfAssurance;
import eu.mostbridge.identity.LevelOfAssuranceNotation;
import eu.mostbridge.mk.eid.EidMkClaimsMapper;
import eu.mostbridge.mk.eid.EidMkProfile;
import eu.mostbridge.replay.ReplayCache;
import eu.mostbridge.saml.AlgorithmPolicy;
import eu.mostbridge.saml.IdentityProviderPeer;
import eu.mostbridge.saml.SamlAdapterSettings;
import eu.mostbridge.saml.SamlBinding;
import eu.mostbridge.saml.SamlCountryAdapter;
import eu.mostbridge.saml.ServiceProviderIdentity;
import eu.mostbridge.simulator.Personas;
import eu.mostbridge.simulator.SimulatorKeys;
import eu.mostbridge.simulator.eauth.EAuthProfile;
import eu.mostbridge.simulator.eidmk.EidMkSamlProfile;
import eu.mostbridge.simulator.http.SimulatorServer;
import eu.mostbridge.simulator.saml.RegisteredServiceProvider;
import eu.mostbridge.simulator.saml.SamlIdpProfile;
import eu.mostbridge.simulator.saml.SamlIdpSettings;
import eu.mostbridge.simulator.saml.SamlIdpSimulator;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.opensaml.security.x509.BasicX509Credential;

/**
 * What validating one national SAML answer costs Most: {@link CountryAdapter#complete} of a real
 * answer, end to end — Base64 and secure XML parsing, schema-level checks, decryption of the
 * assertion (RSA-OAEP key transport, AES-256-GCM), XML signature verification with the IdP's
 * configured key (RSA-PSS, 3072 bits), issuer, audience, destination, InResponseTo, time window and
 * level checks, and the mapping to a {@link CommonIdentity} (identifier checksum, romanization,
 * birth date and gender consistency).
 *
 * <p>Both adapters run with the eIDAS strict profile and no relaxation: the simulators sign with
 * RSA-PSS SHA-256 and encrypt with AES-256-GCM and RSA-OAEP (SHA-256), and the adapters require
 * encrypted, signed assertions ({@link SamlIdpSettings#eidasStrict}). {@code bg-eauth} is {@link
 * EAuthAdapter} (Bulgaria's eAuth v2); {@code mk-eid-saml} is the generic {@link
 * SamlCountryAdapter} with eid.mk's assumed SAML profile. The real eAuth test system signs with
 * RSA-SHA1 and sends plain assertions; the strict answer is the more expensive one (it adds a
 * decryption), so it is the one that bounds Most's cost.
 *
 * <p>Answers are one-time, so the trial starts with a pool of 64 real logins over loopback HTTP
 * (the adapter's signed AuthnRequest to the simulator, the persona picked, the simulator's signed
 * and encrypted Response) and the benchmark cycles through it. Nothing on the path caches by
 * message, so a larger pool would only lengthen the setup (two RSA-3072 signatures per login). The
 * adapter gets {@link AlwaysFirst} as its replay cache, so a pooled answer validates each time it
 * comes round again; the cost of the three replay records of a real login (request, Response and
 * assertion IDs: an atomic {@code putIfAbsent} each, in Infinispan in the broker) is therefore not
 * in these figures.
 *
 * <p>Time window: each answer may be used until its IssueInstant plus the peer's maximum response
 * age (5 min) and clock skew (60 s); the pending logins expire after 10 min. The pool is made in
 * the forked JVM at the start of its trial, and a trial (4 × 2 s warm-up, 3 × 3 s measurement) ends
 * well within that window; an expired answer would fail the benchmark, not pass silently.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// The simulators run on the JDK's HTTP server, which without TCP_NODELAY stalls each response
// ~40 ms (Nagle against delayed ACKs on loopback); real servers set it.
@Fork(value = 1, jvmArgsAppend = "-Dsun.net.httpserver.nodelay=true")
// Twice the other classes' warm-up: this path runs a few hundred times per second and needs about
// 8 s before C2 has compiled it (measured; with 2 iterations the figure came out ~10% high).
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 3, time = 3)
@State(Scope.Benchmark)
public class SamlAnswerBenchmark {
  private static final String PATH = "/idp/";

  /**
   * Which national SAML eID's answer is validated: eAuth by default, to keep a full run short;
   * {@code -p eid=bg-eauth,mk-eid-saml} adds eid.mk's SAML profile (the same validator, another
   * claim mapping).
   */
  @Param({"bg-eauth"})
  public String eid;

  /** How many distinct answers the trial cycles through. */
  int poolSize = 64;

  private SimulatorServer server;
  private CountryAdapter adapter;
  private List<Login> pool;
  private final AtomicInteger next = new AtomicInteger();

  /** One started login and the national eID's answer to it. */
  record Login(PendingAuthentication pending, NationalAnswer answer) {}

  /** A replay cache that has never seen anything, so pooled answers can be validated again. */
  static final class AlwaysFirst implements ReplayCache {
    @Override
    public Use record(String scope, String id, Instant keepUntil) {
      return Use.FIRST;
    }
  }

  /** The persona whose answers are pooled, per eID (synthetic, from the simulators' personas). */
  String persona() {
    return eid.equals("bg-eauth") ? "bg-maria" : "mk-gjorgji";
  }

  /** The relying party's country: the other one. */
  CountryCode destination() {
    return eid.equals("bg-eauth") ? CountryCode.MK : CountryCode.BG;
  }

  @Setup(Level.Trial)
  public void start() throws Exception {
    String spEntity = "https://most.bench/saml/" + eid;
    URI acs = URI.create("https://most.bench/saml/acs/" + eid);
    SimulatorKeys spSigning = SimulatorKeys.rsa("Most SP signing");
    SimulatorKeys spEncryption = SimulatorKeys.rsa("Most SP encryption");
    boolean eauth = eid.equals("bg-eauth");
    SamlIdpProfile profile = eauth ? new EAuthProfile() : new EidMkSamlProfile("BG");
    SamlIdpSimulator simulator =
        new SamlIdpSimulator(
            profile,
            SamlIdpSettings.eidasStrict("https://" + eid + ".sim/saml"),
            Personas.defaults(),
            SimulatorKeys.rsa(eid + " simulator"),
            List.of(
                new RegisteredServiceProvider(
                    spEntity,
                    acs.toString(),
                    spSigning.certificate(),
                    spEncryption.certificate())));
    server = SimulatorServer.onLoopback(0).mount(PATH, simulator).start();

    // The strict defaults: eIDAS algorithms only, encrypted and signed assertions required.
    IdentityProviderPeer idp =
        IdentityProviderPeer.strict(
            simulator.settings().entityId(),
            server.baseUri().resolve(PATH + "SingleSignOnService"),
            List.of(simulator.signingCertificate()));
    ServiceProviderIdentity sp =
        new ServiceProviderIdentity(
            spEntity,
            acs,
            new BasicX509Credential(spSigning.certificate(), spSigning.privateKey()),
            List.of(
                new BasicX509Credential(spEncryption.certificate(), spEncryption.privateKey())));
    Duration pendingLifetime = Duration.ofMinutes(10);
    if (eauth) {
      adapter =
          new EAuthAdapter(
              new EAuthSettings(
                  eid,
                  sp,
                  idp,
                  EAuthSettings.TEST_PROVIDER_OID,
                  EAuthSettings.testServiceOids(),
                  LevelOfAssuranceNotation.EAUTH_NAME,
                  SamlBinding.POST,
                  List.of(),
                  EAuthSettings.REQUEST_SIGNATURE_ALGORITHM,
                  pendingLifetime),
              new AlwaysFirst(),
              Clock.systemUTC());
    } else {
      EidMkProfile mk = EidMkProfile.assumedSamlDefault();
      adapter =
          new SamlCountryAdapter(
              new SamlAdapterSettings(
                  eid,
                  CountryCode.MK,
                  sp,
                  idp,
                  SamlBinding.POST,
                  mk.acrValues(),
                  AlgorithmPolicy.RSA_PSS_SHA256,
                  pendingLifetime),
              new EidMkClaimsMapper(mk),
              new AlwaysFirst(),
              Clock.systemUTC());
    }
    if (!adapter.relaxations().isEmpty()) {
      throw new IllegalStateException("Not the strict profile: " + adapter.relaxations());
    }

    LoopbackBrowser browser = new LoopbackBrowser();
    URI login = server.baseUri().resolve(PATH + "login");
    List<Login> logins = new ArrayList<>(poolSize);
    for (int i = 0; i < poolSize; i++) {
      AuthenticationStart started =
          adapter.start(
              new AuthenticationRequest(
                  LevelOfAssurance.SUBSTANTIAL, destination(), acs, Locale.ENGLISH, false));
      logins.add(new Login(started.pending(), browser.samlLogin(started.step(), login, persona())));
    }
    pool = List.copyOf(logins);
  }

  @TearDown(Level.Trial)
  public void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** The pooled logins, for the fixture test. */
  List<Login> pool() {
    return pool;
  }

  /** The adapter under test, for the fixture test. */
  CountryAdapter adapter() {
    return adapter;
  }

  @Benchmark
  public CommonIdentity complete() throws AuthenticationFailure {
    Login login = pool.get(Math.floorMod(next.getAndIncrement(), pool.size()));
    return adapter.complete(login.answer(), login.pending());
  }
}
