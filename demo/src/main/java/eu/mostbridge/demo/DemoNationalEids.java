package eu.mostbridge.demo;

import com.sun.net.httpserver.HttpHandler;
import eu.mostbridge.adapter.CountryAdapter;
import eu.mostbridge.bg.eauth.EAuthAdapter;
import eu.mostbridge.bg.eauth.EAuthFactory;
import eu.mostbridge.bg.eauth.EAuthSettings;
import eu.mostbridge.bg.mvr.MvrClaimsMapper;
import eu.mostbridge.bg.mvr.MvrEid;
import eu.mostbridge.bg.mvr.MvrEidFactory;
import eu.mostbridge.broker.config.BrokerConfig;
import eu.mostbridge.broker.config.IssuerUrl;
import eu.mostbridge.broker.national.NationalEidSource;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.LevelOfAssuranceNotation;
import eu.mostbridge.mk.eid.EidMkBinding;
import eu.mostbridge.mk.eid.EidMkClaimsMapper;
import eu.mostbridge.mk.eid.EidMkFactory;
import eu.mostbridge.mk.eid.EidMkProfile;
import eu.mostbridge.oidc.OidcAdapterSettings;
import eu.mostbridge.oidc.OidcClient;
import eu.mostbridge.oidc.OidcCountryAdapter;
import eu.mostbridge.oidc.OidcProviderPeer;
import eu.mostbridge.oidc.OidcRelyingParty;
import eu.mostbridge.oidc.TokenShape;
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
import eu.mostbridge.simulator.oidc.OidcSimulator;
import eu.mostbridge.simulator.oidc.OidcSimulatorSettings;
import eu.mostbridge.simulator.saml.RegisteredServiceProvider;
import eu.mostbridge.simulator.saml.SamlIdpSettings;
import eu.mostbridge.simulator.saml.SamlIdpSimulator;
import eu.mostbridge.simulator.saml.ServiceProviderSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opensaml.security.x509.BasicX509Credential;

/**
 * The demo's national eIDs: the three simulators (BG eAuth over SAML as its production system
 * answers, BG MVR eID in its own access-token flow, MK eid.mk over SAML by default), mounted under
 * {@code /sim/} of the broker itself, and the real adapters configured against them. Everything is
 * made at the first use, with fresh keys. Only the demo artifact carries this class.
 */
@ApplicationScoped
public class DemoNationalEids implements NationalEidSource {
  private final Clock clock;

  /** The simulators' mount points under {@code /sim/}: stable, outside tools use them. */
  public static final String EAUTH = "eauth";

  /** What eAuth's other profiles need: its RSA-2048 key and RSA-SHA1 signatures, in plain. */
  private static final Set<AlgorithmPolicy.Relaxation> TEST_SYSTEM_RELAXATIONS =
      Set.of(AlgorithmPolicy.Relaxation.RSA_2048_KEYS, AlgorithmPolicy.Relaxation.SHA1_SIGNATURE);

  public static final String MVR = "mvr";
  public static final String EID_MK = "eid-mk";

  private static final String EAUTH_ID = EAuthFactory.ID;
  private static final String MK_ID = EidMkFactory.ID;

  private final BrokerConfig config;
  private final DemoConfig demoConfig;
  private final ReplayCache replayCache;
  private volatile Demo demo;

  public DemoNationalEids(
      BrokerConfig config, DemoConfig demoConfig, ReplayCache replayCache, Clock clock) {
    this.clock = clock;
    this.config = config;
    this.demoConfig = demoConfig;
    this.replayCache = replayCache;
  }

  private record Demo(
      Map<String, HttpHandler> simulators,
      List<CountryAdapter> adapters,
      Map<String, ServiceProviderIdentity> sps,
      SimulatorKeys eauthKeys) {}

  @Override
  public List<CountryAdapter> adapters() {
    return demo().adapters();
  }

  /** The simulator mounted at {@code /sim/<name>/}. */
  public Optional<HttpHandler> simulator(String name) {
    return Optional.ofNullable(demo().simulators().get(name));
  }

  /**
   * The eAuth simulator's signing key. Demo keys are made at start-up and are as public as the
   * simulators; the attack tests use this one to build answers that are validly signed yet wrong in
   * one respect each.
   */
  public SimulatorKeys eauthSigningKeys() {
    return demo().eauthKeys();
  }

  @Override
  public Map<String, ServiceProviderIdentity> samlServiceProviders() {
    return demo().sps();
  }

  private Demo demo() {
    Demo current = demo;
    if (current == null) {
      synchronized (this) {
        if (demo == null) {
          demo = build();
        }
        current = demo;
      }
    }
    return current;
  }

  private Demo build() {
    String base = IssuerUrl.of(config).base();
    String simulators = demoConfig.simulatorsBase(base);
    Personas personas = demoConfig.personas();
    String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));

    // BG eAuth: SAML as the real production system answers (an unsigned Response around an
    // RSA-SHA1-signed assertion encrypted with AES-128-CBC, an RSA-2048 key), so the demo runs
    // with eAuth's default relaxations, logged like any other.
    ServiceProviderIdentity sp = serviceProvider(base, EAUTH_ID);
    String spEntity = sp.entityId();
    SimulatorKeys eauthKeys = SimulatorKeys.rsa("eAuth simulator", 2048);
    boolean production = demoConfig.eauthShape() == DemoConfig.EAuthShape.PRODUCTION;
    SamlIdpSimulator eauth =
        new SamlIdpSimulator(
            new EAuthProfile(),
            production
                ? SamlIdpSettings.likeProduction(simulators + "/sim/" + EAUTH)
                : SamlIdpSettings.likeTheTestSystem(simulators + "/sim/" + EAUTH),
            personas,
            eauthKeys,
            // As eAuth: Most's metadata read from the request's Issuer, which is its URL here;
            // only that one, so the demo fetches nothing a stranger names.
            ServiceProviderSource.metadataAtIssuer(spEntity::equals));
    IdentityProviderPeer idp =
        IdentityProviderPeer.strict(
                eauth.settings().entityId(),
                URI.create(simulators + "/sim/" + EAUTH + "/SingleSignOnService"),
                List.of(eauth.signingCertificate()),
                AlgorithmPolicy.eidasStrict()
                    .relaxedBy(production ? EAuthSettings.RELAXATIONS : TEST_SYSTEM_RELAXATIONS))
            .withAssertionRequirements(production, true)
            .withCancelMessages(EAuthSettings.CANCEL_MESSAGES);
    EAuthAdapter eauthAdapter =
        new EAuthAdapter(
            new EAuthSettings(
                EAUTH_ID,
                sp,
                idp,
                EAuthSettings.TEST_PROVIDER_OID,
                EAuthSettings.testServiceOids(),
                LevelOfAssuranceNotation.EAUTH_NAME,
                SamlBinding.POST,
                List.of(),
                EAuthSettings.REQUEST_SIGNATURE_ALGORITHM,
                Duration.ofMinutes(10)),
            replayCache,
            clock);

    // BG MVR eID: by default as its public code shows its login flow (no ID token, the identity
    // in the signed access token, the level as a scope), RS256 as Keycloak signs by default; both
    // logged relaxations.
    URI mvrIssuer = URI.create(simulators + "/sim/" + MVR);
    URI mvrCallback = URI.create(base + "/callback/bg-mvr-eid");
    boolean ownFlow = demoConfig.mvrShape() == TokenShape.ACCESS_TOKEN;
    OidcSimulator mvr =
        new OidcSimulator(
            mvrIssuer,
            ownFlow
                ? OidcSimulatorSettings.mvrAsItsCodeShows(
                    "most-demo", secret, mvrCallback.toString())
                : OidcSimulatorSettings.mvr("most-demo", secret, mvrCallback.toString()),
            personas);
    OidcProviderPeer mvrPeer =
        peer(mvrIssuer, Set.of("RS256", "PS256", "ES256"), demoConfig.mvrShape());
    OidcCountryAdapter mvrAdapter =
        new OidcCountryAdapter(
            new OidcAdapterSettings(
                MvrEidFactory.ID,
                CountryCode.BG,
                mvrPeer,
                client(secret, mvrCallback),
                ownFlow ? MvrEid.levelScopes() : MvrEid.acrValues(),
                Duration.ofMinutes(10)),
            new MvrClaimsMapper(),
            replayCache,
            clock,
            OidcRelyingParty.remoteKeys(mvrPeer));

    // MK eid.mk: SAML with Most's assumed eIDAS-style profile by default, strict; or OpenID
    // Connect (ES256).
    URI mkIssuer = URI.create(simulators + "/sim/" + EID_MK);
    URI mkCallback = URI.create(base + "/callback/" + MK_ID);
    EidMkBinding mkBinding = demoConfig.mkBinding();
    EidMkProfile profile = mkBinding.assumedProfile();
    HttpHandler mk;
    CountryAdapter mkAdapter;
    Map<String, ServiceProviderIdentity> sps = new java.util.LinkedHashMap<>();
    sps.put(EAUTH_ID, sp);
    if (mkBinding == EidMkBinding.SAML) {
      ServiceProviderIdentity mkSp = serviceProvider(base, MK_ID);
      SamlIdpSimulator simulator =
          new SamlIdpSimulator(
              // Macedonian citizens enter Bulgarian services through Most.
              new EidMkSamlProfile(CountryCode.BG.alpha2()),
              SamlIdpSettings.eidasStrict(mkIssuer.toString()),
              personas,
              SimulatorKeys.rsa("eid.mk simulator"),
              List.of(
                  new RegisteredServiceProvider(
                      mkSp.entityId(),
                      mkSp.assertionConsumerService().toString(),
                      mkSp.signing().getEntityCertificate(),
                      mkSp.decryption().get(mkSp.decryption().size() - 1).getEntityCertificate())));
      mk = simulator;
      mkAdapter =
          new SamlCountryAdapter(
              new SamlAdapterSettings(
                  MK_ID,
                  CountryCode.MK,
                  mkSp,
                  IdentityProviderPeer.strict(
                      mkIssuer.toString(),
                      URI.create(mkIssuer + "/SingleSignOnService"),
                      List.of(simulator.signingCertificate())),
                  SamlBinding.POST,
                  profile.acrValues(),
                  AlgorithmPolicy.RSA_PSS_SHA256,
                  Duration.ofMinutes(10)),
              new EidMkClaimsMapper(profile),
              replayCache,
              clock);
      sps.put(MK_ID, mkSp);
    } else {
      mk =
          new OidcSimulator(
              mkIssuer,
              OidcSimulatorSettings.eidMk("most-demo", secret, mkCallback.toString()),
              personas);
      OidcProviderPeer mkPeer =
          peer(mkIssuer, OidcProviderPeer.STRICT_ALGORITHMS, TokenShape.ID_TOKEN);
      mkAdapter =
          new OidcCountryAdapter(
              new OidcAdapterSettings(
                  MK_ID,
                  CountryCode.MK,
                  mkPeer,
                  client(secret, mkCallback),
                  profile.acrValues(),
                  Duration.ofMinutes(10)),
              new EidMkClaimsMapper(profile),
              replayCache,
              clock,
              OidcRelyingParty.remoteKeys(mkPeer));
    }

    return new Demo(
        Map.of(EAUTH, eauth, MVR, mvr, EID_MK, mk),
        List.of(eauthAdapter, mvrAdapter, mkAdapter),
        Map.copyOf(sps),
        eauthKeys);
  }

  /** Most's SAML service provider towards the simulator of {@code id}, with fresh keys. */
  private static ServiceProviderIdentity serviceProvider(String base, String id) {
    SimulatorKeys signing = SimulatorKeys.rsa("Most demo SAML SP signing (" + id + ")");
    SimulatorKeys encryption = SimulatorKeys.rsa("Most demo SAML SP encryption (" + id + ")");
    return new ServiceProviderIdentity(
        base + "/saml/" + id,
        URI.create(base + "/callback/" + id),
        new BasicX509Credential(signing.certificate(), signing.privateKey()),
        List.of(new BasicX509Credential(encryption.certificate(), encryption.privateKey())));
  }

  private static OidcProviderPeer peer(URI issuer, Set<String> algorithms, TokenShape shape) {
    String base = issuer.toString();
    return new OidcProviderPeer(
        base,
        URI.create(base + "/authorize"),
        URI.create(base + "/token"),
        Optional.of(URI.create(base + "/userinfo")),
        URI.create(base + "/jwks"),
        algorithms,
        true,
        Duration.ofSeconds(60),
        Duration.ofSeconds(5),
        shape);
  }

  private static OidcClient client(String secret, URI callback) {
    return new OidcClient(
        "most-demo", Optional.of(secret), Optional.empty(), callback, List.of("openid"));
  }
}
