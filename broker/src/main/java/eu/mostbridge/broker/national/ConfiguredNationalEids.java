package eu.mostbridge.broker.national;

import eu.mostbridge.adapter.ClaimsMapper;
import eu.mostbridge.adapter.CountryAdapter;
import eu.mostbridge.bg.eauth.EAuthAdapter;
import eu.mostbridge.bg.eauth.EAuthSettings;
import eu.mostbridge.bg.mvr.MvrClaimNames;
import eu.mostbridge.bg.mvr.MvrClaimsMapper;
import eu.mostbridge.bg.mvr.MvrEid;
import eu.mostbridge.broker.config.BrokerConfig;
import eu.mostbridge.broker.config.IssuerUrl;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.LevelOfAssurance;
import eu.mostbridge.identity.LevelOfAssuranceNotation;
import eu.mostbridge.mk.eid.EidMkBinding;
import eu.mostbridge.mk.eid.EidMkClaimsMapper;
import eu.mostbridge.mk.eid.EidMkProfile;
import eu.mostbridge.oidc.OidcAdapterSettings;
import eu.mostbridge.oidc.OidcClient;
import eu.mostbridge.oidc.OidcCountryAdapter;
import eu.mostbridge.oidc.OidcDiscovery;
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
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opensaml.security.x509.BasicX509Credential;

/**
 * The real national eIDs, built from {@code most.national.*} ({@link NationalConfig}). A section
 * that cannot be built (unreadable key store, unreachable discovery, unknown level) stops start-up
 * with a message naming the section and the problem.
 */
@ApplicationScoped
public class ConfiguredNationalEids implements NationalEidSource {
  private static final Duration PENDING = Duration.ofMinutes(10);
  private static final String PREFIX = "most.national.";
  private static final String EAUTH = "bg-eauth";
  private static final String EID_MK = "mk-eid";

  private final NationalConfig national;
  private final BrokerConfig config;
  private final ReplayCache replayCache;
  private volatile Built built;

  private record Built(List<CountryAdapter> adapters, Map<String, ServiceProviderIdentity> sps) {}

  public ConfiguredNationalEids(
      NationalConfig national, BrokerConfig config, ReplayCache replayCache) {
    this.national = national;
    this.config = config;
    this.replayCache = replayCache;
  }

  @Override
  public List<CountryAdapter> adapters() {
    return built().adapters();
  }

  @Override
  public Map<String, ServiceProviderIdentity> samlServiceProviders() {
    return built().sps();
  }

  private Built built() {
    Built current = built;
    if (current == null) {
      synchronized (this) {
        if (built == null) {
          built = build();
        }
        current = built;
      }
    }
    return current;
  }

  private Built build() {
    List<CountryAdapter> adapters = new ArrayList<>();
    Map<String, ServiceProviderIdentity> sps = new java.util.LinkedHashMap<>();
    national
        .bgEauth()
        .ifPresent(
            eauth -> {
              ServiceProviderIdentity sp = serviceProvider(EAUTH, PREFIX + EAUTH, eauth);
              EAuthAdapter adapter = eauth(eauth, sp);
              adapters.add(adapter);
              sps.put(adapter.id(), sp);
            });
    national
        .bgMvrEid()
        .ifPresent(
            mvr ->
                adapters.add(
                    oidc(
                        "bg-mvr-eid",
                        PREFIX + "bg-mvr-eid",
                        CountryCode.BG,
                        mvr,
                        mvr.tokenShape().orElse(TokenShape.ACCESS_TOKEN) == TokenShape.ACCESS_TOKEN
                            ? MvrEid.levelScopes()
                            : MvrEid.acrValues(),
                        new MvrClaimsMapper(claimNames(mvr.claims())))));
    national.mkEid().ifPresent(mk -> eidMk(mk, adapters, sps));
    Set<String> acceptingCbc = new java.util.HashSet<>();
    national
        .bgEauth()
        .filter(e -> acceptsCbc(e.relaxations().orElse(EAuthSettings.RELAXATIONS)))
        .ifPresent(e -> acceptingCbc.add(EAUTH));
    national
        .mkEid()
        .flatMap(NationalConfig.EidMk::saml)
        .filter(m -> acceptsCbc(m.relaxations().orElse(Set.of())))
        .ifPresent(m -> acceptingCbc.add(EID_MK));
    refuseSharedDecryptionKeys(sps, acceptingCbc);
    return new Built(List.copyOf(adapters), Map.copyOf(sps));
  }

  private String base() {
    return IssuerUrl.of(config).base();
  }

  private static boolean acceptsCbc(Set<AlgorithmPolicy.Relaxation> relaxations) {
    return relaxations.contains(AlgorithmPolicy.Relaxation.AES_CBC_ENCRYPTION);
  }

  /**
   * Refuses two national eIDs that decrypt with the same key when either accepts AES-CBC: an
   * encrypted key taken from one's answer could be brought to the other's ACS inside a CBC
   * ciphertext, and the bounded padding oracle of the CBC peer would then work against the key of
   * the strict one. Each SAML national eID gets its own encryption key.
   */
  private static void refuseSharedDecryptionKeys(
      Map<String, ServiceProviderIdentity> sps, Set<String> acceptingCbc) {
    List<String> ids = new ArrayList<>(sps.keySet());
    for (int i = 0; i < ids.size(); i++) {
      for (int j = i + 1; j < ids.size(); j++) {
        String a = ids.get(i);
        String b = ids.get(j);
        if (!acceptingCbc.contains(a) && !acceptingCbc.contains(b)) {
          continue;
        }
        Set<java.security.PublicKey> keys = new java.util.HashSet<>();
        sps.get(a).decryption().forEach(c -> keys.add(c.getPublicKey()));
        if (sps.get(b).decryption().stream().anyMatch(c -> keys.contains(c.getPublicKey()))) {
          throw new IllegalStateException(
              PREFIX
                  + a
                  + " and "
                  + PREFIX
                  + b
                  + " decrypt with the same key while one of them accepts AES-CBC: give each"
                  + " national eID its own encryption key (docs/DEPLOYMENT.md)");
        }
      }
    }
  }

  /** eid.mk by the binding configured, SAML unless told otherwise. */
  private void eidMk(
      NationalConfig.EidMk mk,
      List<CountryAdapter> adapters,
      Map<String, ServiceProviderIdentity> sps) {
    EidMkBinding binding = mk.binding().orElse(EidMkBinding.SAML);
    EidMkProfile profile = profile(mk.profile(), binding.assumedProfile());
    String section = PREFIX + EID_MK + "." + binding.name().toLowerCase(Locale.ROOT);
    switch (binding) {
      case SAML -> {
        NationalConfig.SamlPeer saml = mk.saml().orElseThrow(() -> sectionMissing(binding));
        ServiceProviderIdentity sp = serviceProvider(EID_MK, section, saml);
        adapters.add(
            new SamlCountryAdapter(
                new SamlAdapterSettings(
                    EID_MK,
                    CountryCode.MK,
                    sp,
                    identityProvider(section, saml, Set.of()),
                    saml.binding().orElse(SamlBinding.POST),
                    profile.acrValues(),
                    saml.requestSignatureAlgorithm().orElse(AlgorithmPolicy.RSA_PSS_SHA256),
                    saml.pendingLifetime().orElse(PENDING)),
                new EidMkClaimsMapper(profile),
                replayCache,
                Clock.systemUTC()));
        sps.put(EID_MK, sp);
      }
      case OIDC ->
          adapters.add(
              oidc(
                  EID_MK,
                  section,
                  CountryCode.MK,
                  mk.oidc().orElseThrow(() -> sectionMissing(binding)),
                  profile.acrValues(),
                  new EidMkClaimsMapper(profile)));
    }
  }

  private static IllegalStateException sectionMissing(EidMkBinding binding) {
    String section = binding.name().toLowerCase(Locale.ROOT);
    return new IllegalStateException(
        PREFIX
            + EID_MK
            + ": the binding is "
            + binding
            + (binding == EidMkBinding.SAML ? " (the default)" : "")
            + " but "
            + PREFIX
            + EID_MK
            + "."
            + section
            + ".* is not configured (docs/BROKER.md; for OpenID Connect set "
            + PREFIX
            + EID_MK
            + ".binding=OIDC and the oidc section: the keys issuer, client-id, client-secret and"
            + " the endpoints moved from "
            + PREFIX
            + EID_MK
            + ".* to "
            + PREFIX
            + EID_MK
            + ".oidc.*)");
  }

  private ServiceProviderIdentity serviceProvider(
      String id, String section, NationalConfig.SamlPeer saml) {
    String key = section + ".sp-keystore";
    try (InputStream in = Files.newInputStream(saml.spKeystore())) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      char[] password = saml.spKeystorePassword().toCharArray();
      store.load(in, password);
      List<BasicX509Credential> decryption = new ArrayList<>();
      for (String previous : saml.spPreviousEncryptionAliases().orElse(List.of())) {
        decryption.add(credential(key, store, previous, password));
      }
      // The current key last: eAuth encrypts to the last encryption key of the metadata.
      decryption.add(
          credential(key, store, saml.spEncryptionAlias().orElse("encryption"), password));
      return new ServiceProviderIdentity(
          saml.spEntityId().orElse(base() + "/saml/" + id),
          URI.create(base() + "/callback/" + id),
          credential(key, store, saml.spSigningAlias().orElse("signing"), password),
          decryption);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(key + " cannot be read: " + e.getMessage(), e);
    }
  }

  private static BasicX509Credential credential(
      String key, KeyStore store, String alias, char[] password) throws GeneralSecurityException {
    if (!(store.getKey(alias, password) instanceof PrivateKey privateKey)
        || !(store.getCertificate(alias) instanceof X509Certificate certificate)) {
      throw new IllegalStateException(key + " has no private key with certificate named " + alias);
    }
    return new BasicX509Credential(certificate, privateKey);
  }

  /** The identity provider of {@code section}, relaxed by its relaxations or {@code defaults}. */
  private static IdentityProviderPeer identityProvider(
      String section, NationalConfig.SamlPeer saml, Set<AlgorithmPolicy.Relaxation> defaults) {
    List<X509Certificate> certificates = new ArrayList<>();
    try (InputStream in = Files.newInputStream(saml.idpCertificates())) {
      CertificateFactory.getInstance("X.509")
          .generateCertificates(in)
          .forEach(c -> certificates.add((X509Certificate) c));
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(
          section + ".idp-certificates cannot be read: " + e.getMessage(), e);
    }
    if (certificates.isEmpty()) {
      throw new IllegalStateException(section + ".idp-certificates holds no certificate");
    }
    return IdentityProviderPeer.strict(
            saml.idpEntityId(),
            saml.idpSsoUrl(),
            certificates,
            AlgorithmPolicy.eidasStrict().relaxedBy(saml.relaxations().orElse(defaults)))
        .withAssertionRequirements(saml.requireEncryptedAssertions().orElse(true), true);
  }

  private EAuthAdapter eauth(NationalConfig.EAuth eauth, ServiceProviderIdentity sp) {
    IdentityProviderPeer idp =
        identityProvider(PREFIX + EAUTH, eauth, EAuthSettings.RELAXATIONS)
            .withCancelMessages(eauth.cancelMessages().orElse(EAuthSettings.CANCEL_MESSAGES));
    return new EAuthAdapter(
        new EAuthSettings(
            EAUTH,
            sp,
            idp,
            eauth.providerOid(),
            levels(eauth.serviceOids(), PREFIX + EAUTH + ".service-oids"),
            eauth.levelNotation().orElse(LevelOfAssuranceNotation.EAUTH_NAME),
            eauth.binding().orElse(SamlBinding.POST),
            List.of(),
            eauth.requestSignatureAlgorithm().orElse(EAuthSettings.REQUEST_SIGNATURE_ALGORITHM),
            eauth.pendingLifetime().orElse(PENDING),
            eauth.placeholderNames().orElse(EAuthSettings.PLACEHOLDER_NAMES)),
        replayCache,
        Clock.systemUTC());
  }

  private OidcCountryAdapter oidc(
      String id,
      String section,
      CountryCode country,
      NationalConfig.OidcPeer settings,
      Map<LevelOfAssurance, String> acrValues,
      ClaimsMapper mapper) {
    OidcProviderPeer peer = peer(id, section, settings);
    return new OidcCountryAdapter(
        new OidcAdapterSettings(
            id,
            country,
            peer,
            new OidcClient(
                settings.clientId(),
                Optional.of(settings.clientSecret()),
                Optional.empty(),
                URI.create(base() + "/callback/" + id),
                settings.scopes().orElse(List.of("openid"))),
            acrValues,
            settings.pendingLifetime().orElse(PENDING)),
        mapper,
        replayCache,
        Clock.systemUTC(),
        OidcRelyingParty.remoteKeys(peer));
  }

  private static MvrClaimNames claimNames(NationalConfig.MvrClaims claims) {
    MvrClaimNames d = MvrClaimNames.PUBLIC_CODE;
    return new MvrClaimNames(
        claims.identifier().orElse(d.identifier()),
        claims.identifierType().orElse(d.identifierType()),
        claims.givenName().orElse(d.givenName()),
        claims.middleName().orElse(d.middleName()),
        claims.familyName().orElse(d.familyName()),
        claims.givenNameCyrillic().orElse(d.givenNameCyrillic()),
        claims.middleNameCyrillic().orElse(d.middleNameCyrillic()),
        claims.familyNameCyrillic().orElse(d.familyNameCyrillic()),
        claims.dateOfBirth().orElse(d.dateOfBirth()),
        claims.gender().orElse(d.gender()));
  }

  private static TokenShape shape(String id, NationalConfig.OidcPeer settings) {
    return settings
        .tokenShape()
        .orElse("bg-mvr-eid".equals(id) ? TokenShape.ACCESS_TOKEN : TokenShape.ID_TOKEN);
  }

  private static OidcProviderPeer peer(
      String id, String section, NationalConfig.OidcPeer settings) {
    if (settings.authorizationEndpoint().isPresent()) {
      return new OidcProviderPeer(
          settings.issuer(),
          settings.authorizationEndpoint().get(),
          settings.tokenEndpoint().orElseThrow(() -> missing(section, "token-endpoint")),
          settings.userinfoEndpoint(),
          settings.jwksUri().orElseThrow(() -> missing(section, "jwks-uri")),
          settings.algorithms().orElse(OidcProviderPeer.STRICT_ALGORITHMS),
          settings.requireIssInResponse().orElse(true),
          settings.clockSkew().orElse(Duration.ofSeconds(60)),
          settings.httpTimeout().orElse(Duration.ofSeconds(5)),
          shape(id, settings));
    }
    try {
      OidcProviderPeer discovered =
          OidcDiscovery.discover(
              settings.issuer(),
              settings.algorithms().orElse(OidcProviderPeer.STRICT_ALGORITHMS),
              settings.requireIssInResponse().orElse(true),
              settings.httpTimeout().orElse(Duration.ofSeconds(5)));
      return new OidcProviderPeer(
          discovered.issuer(),
          discovered.authorizationEndpoint(),
          discovered.tokenEndpoint(),
          discovered.userInfoEndpoint(),
          discovered.jwksUri(),
          discovered.idTokenAlgorithms(),
          settings.requireIssInResponse().orElse(true),
          settings.clockSkew().orElse(Duration.ofSeconds(60)),
          settings.httpTimeout().orElse(Duration.ofSeconds(5)),
          shape(id, settings));
    } catch (IOException e) {
      throw new IllegalStateException(
          section
              + ": discovery at "
              + settings.issuer()
              + " failed: "
              + e.getMessage()
              + " (or give authorization-endpoint, token-endpoint and jwks-uri)",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted during discovery of " + id, e);
    }
  }

  private static IllegalStateException missing(String section, String key) {
    return new IllegalStateException(
        section + "." + key + " is required with authorization-endpoint");
  }

  private static EidMkProfile profile(NationalConfig.Profile profile, EidMkProfile assumed) {
    Map<LevelOfAssurance, String> acr = new EnumMap<>(LevelOfAssurance.class);
    profile.acrLow().ifPresent(v -> acr.put(LevelOfAssurance.LOW, v));
    profile.acrSubstantial().ifPresent(v -> acr.put(LevelOfAssurance.SUBSTANTIAL, v));
    profile.acrHigh().ifPresent(v -> acr.put(LevelOfAssurance.HIGH, v));
    if (acr.isEmpty()) {
      acr.putAll(assumed.acrValues());
    }
    return new EidMkProfile(
        profile.identifierClaim().orElse(assumed.identifierClaim()),
        profile.givenNameClaim().orElse(assumed.givenNameClaim()),
        profile.familyNameClaim().orElse(assumed.familyNameClaim()),
        profile.givenNameNativeClaim().orElse(assumed.givenNameNativeClaim()),
        profile.familyNameNativeClaim().orElse(assumed.familyNameNativeClaim()),
        profile.birthdateClaim().orElse(assumed.birthdateClaim()),
        profile.genderClaim().orElse(assumed.genderClaim()),
        acr,
        profile.regionPolicy().orElse(assumed.regionPolicy()),
        profile.dzhe().orElse(assumed.dzhe()));
  }

  private static Map<LevelOfAssurance, String> levels(Map<String, String> byName, String key) {
    Map<LevelOfAssurance, String> levels = new EnumMap<>(LevelOfAssurance.class);
    byName.forEach(
        (name, value) -> {
          try {
            levels.put(LevelOfAssurance.valueOf(name.toUpperCase(Locale.ROOT)), value);
          } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                key + "." + name + ": the level must be low, substantial or high", e);
          }
        });
    if (levels.isEmpty()) {
      throw new IllegalStateException(key + " must name at least one level");
    }
    return levels;
  }
}
