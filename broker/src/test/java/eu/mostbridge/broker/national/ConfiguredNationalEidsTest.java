package eu.mostbridge.broker.national;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import eu.mostbridge.adapter.CountryAdapter;
import eu.mostbridge.broker.config.BrokerConfig;
import eu.mostbridge.broker.country.NationalEidRegistry;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.LevelOfAssurance;
import eu.mostbridge.replay.InMemoryReplayCache;
import eu.mostbridge.simulator.SimulatorKeys;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real national eIDs as configuration describes them, built without any network. */
class ConfiguredNationalEidsTest {
  @TempDir Path dir;

  private ConfiguredNationalEids build(Map<String, String> values) {
    return build(values, Map.of());
  }

  /** Built from {@code values} as properties and {@code environment} as environment variables. */
  private ConfiguredNationalEids build(
      Map<String, String> values, Map<String, String> environment) {
    return build(values, environment, "test");
  }

  private ConfiguredNationalEids build(
      Map<String, String> values, Map<String, String> environment, String profile) {
    Map<String, String> all = new HashMap<>(values);
    all.put("most.issuer", "https://most.example");
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withProfile(profile)
            .withCustomizers(new NationalSectionsConfig())
            .withMapping(BrokerConfig.class)
            .withConverter(
                io.quarkus.runtime.configuration.MemorySize.class,
                100,
                new io.quarkus.runtime.configuration.MemorySizeConverter())
            .withConverter(
                java.time.Duration.class,
                100,
                new io.quarkus.runtime.configuration.DurationConverter())
            .withSources(new MapBackedConfigSource("test", all) {})
            .withSources(new EnvConfigSource(environment, 300) {})
            .build();
    return new ConfiguredNationalEids(
        new NationalEidRegistry(),
        config,
        config.getConfigMapping(BrokerConfig.class),
        new InMemoryReplayCache(),
        java.time.Clock.systemUTC());
  }

  /** A PKCS#12 file with Most's SAML keys, aliases signing and encryption. */
  private Path keyStore(String name) throws Exception {
    SimulatorKeys signing = SimulatorKeys.rsa(name + " signing");
    SimulatorKeys encryption = SimulatorKeys.rsa(name + " encryption");
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    char[] password = "changeit".toCharArray();
    store.setKeyEntry(
        "signing", signing.privateKey(), password, new X509Certificate[] {signing.certificate()});
    store.setKeyEntry(
        "encryption",
        encryption.privateKey(),
        password,
        new X509Certificate[] {encryption.certificate()});
    Path keystore = dir.resolve(name + ".p12");
    try (OutputStream out = Files.newOutputStream(keystore)) {
      store.store(out, password);
    }
    return keystore;
  }

  /** A PEM file with a national IdP's signing certificate of {@code bits}. */
  private Path idpCertificate(String name, int bits) throws Exception {
    X509Certificate idp = SimulatorKeys.rsa(name, bits).certificate();
    Path pem = dir.resolve(name + ".pem");
    Files.writeString(
        pem,
        "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(idp.getEncoded())
            + "\n-----END CERTIFICATE-----\n");
    return pem;
  }

  private Map<String, String> eauth() throws Exception {
    Path keystore = keyStore("eauth-sp");
    // eAuth's own signing certificate is RSA-2048.
    Path pem = idpCertificate("eauth", 2048);
    Map<String, String> values = new HashMap<>();
    values.put("most.national.bg-eauth.sp-keystore", keystore.toString());
    values.put("most.national.bg-eauth.sp-keystore-password", "changeit");
    values.put("most.national.bg-eauth.idp-entity-id", "https://eauth.example");
    values.put("most.national.bg-eauth.idp-sso-url", "https://eauth.example/sso");
    values.put("most.national.bg-eauth.idp-certificates", pem.toString());
    values.put("most.national.bg-eauth.provider-oid", "2.16.100.1.1.1.1.13");
    values.put("most.national.bg-eauth.service-oids.low", "2.16.100.1.1.1.1.13.1.1.1");
    values.put("most.national.bg-eauth.service-oids.high", "2.16.100.1.1.1.1.13.1.1.3");
    values.put(
        "most.national.bg-eauth.relaxations", "RSA_2048_KEYS,SHA1_SIGNATURE,AES_CBC_ENCRYPTION");
    return values;
  }

  private static Map<String, String> mkEid() {
    Map<String, String> values = new HashMap<>();
    values.put("most.national.mk-eid.binding", "OIDC");
    values.put("most.national.mk-eid.oidc.issuer", "https://eid.mk.example");
    values.put("most.national.mk-eid.oidc.client-id", "most");
    values.put("most.national.mk-eid.oidc.client-secret", "s");
    values.put("most.national.mk-eid.oidc.authorization-endpoint", "https://eid.mk.example/auth");
    values.put("most.national.mk-eid.oidc.token-endpoint", "https://eid.mk.example/token");
    values.put("most.national.mk-eid.oidc.jwks-uri", "https://eid.mk.example/jwks");
    values.put("most.national.mk-eid.oidc.algorithms", "ES256,RS256");
    values.put("most.national.mk-eid.profile.identifier-claim", "personal_number");
    return values;
  }

  @Test
  void buildsEachConfiguredEidWithItsNamedRelaxations() throws Exception {
    Map<String, String> values = new HashMap<>(eauth());
    values.putAll(mkEid());
    ConfiguredNationalEids eids = build(values);

    List<CountryAdapter> adapters = eids.adapters();

    assertThat(adapters).extracting(CountryAdapter::id).containsExactly("bg-eauth", "mk-eid");
    assertThat(adapters.get(0).country()).isEqualTo(CountryCode.BG);
    assertThat(adapters.get(0).relaxations())
        .contains("SHA1_SIGNATURE", "AES_CBC_ENCRYPTION")
        .doesNotContain("PLAIN_ASSERTIONS");
    assertThat(adapters.get(1).relaxations()).containsExactly("RS256");
    assertThat(eids.samlServiceProviders().get("bg-eauth").entityId())
        .isEqualTo("https://most.example/saml/bg-eauth");
    assertThat(eids.samlServiceProviders().get("bg-eauth").assertionConsumerService())
        .hasToString("https://most.example/callback/bg-eauth");
  }

  @Test
  void eAuthsOwnKeyAndSignaturesAreTheDefaultRelaxations() throws Exception {
    Map<String, String> values = new HashMap<>(eauth());
    values.remove("most.national.bg-eauth.relaxations");

    List<CountryAdapter> adapters = build(values).adapters();

    assertThat(adapters.get(0).relaxations())
        .as("eAuth's production shape is accepted without configuration, and logged")
        .contains(
            "RSA_2048_KEYS",
            "SHA1_SIGNATURE",
            "AES_CBC_ENCRYPTION",
            "RSA_OAEP_MGF1P_KEY_TRANSPORT",
            "UNSIGNED_RESPONSE_CBC_ASSERTION");
    assertThat(adapters.get(0).failedAnswerLimit()).isPresent();
  }

  @Test
  void theMvrEidDefaultsToItsOwnFlowAndCanBeToldToSpeakOpenIdConnect() throws Exception {
    Map<String, String> values = new HashMap<>();
    values.put("most.national.bg-mvr-eid.issuer", "https://mvr.example");
    values.put("most.national.bg-mvr-eid.client-id", "most");
    values.put("most.national.bg-mvr-eid.client-secret", "s");
    values.put("most.national.bg-mvr-eid.authorization-endpoint", "https://mvr.example/auth");
    values.put("most.national.bg-mvr-eid.token-endpoint", "https://mvr.example/token");
    values.put("most.national.bg-mvr-eid.jwks-uri", "https://mvr.example/jwks");
    values.put("most.national.bg-mvr-eid.algorithms", "RS256");

    CountryAdapter own = build(values).adapters().get(0);
    assertThat(own.relaxations()).containsExactlyInAnyOrder("RS256", "ACCESS_TOKEN_IDENTITY");
    assertThat(own.supportedLevels()).containsExactly(LevelOfAssurance.HIGH);

    values.put("most.national.bg-mvr-eid.token-shape", "ID_TOKEN");
    CountryAdapter standard = build(values).adapters().get(0);
    assertThat(standard.relaxations()).containsExactly("RS256");
    assertThat(standard.supportedLevels()).hasSize(3);
  }

  @Test
  void nothingConfiguredIsNothingOffered() {
    assertThat(build(Map.of()).adapters()).isEmpty();
  }

  @Test
  void anUnknownLevelNameStopsStartUpWithTheKey() throws Exception {
    Map<String, String> values = eauth();
    values.put("most.national.bg-eauth.service-oids.medium", "2.16.100.1");

    IllegalStateException failure =
        catchThrowableOfType(IllegalStateException.class, () -> build(values).adapters());

    assertThat(failure).hasMessageContaining("most.national.bg-eauth.service-oids.medium");
  }

  @Test
  void explicitEndpointsNeedAllOfThem() {
    Map<String, String> values = mkEid();
    values.remove("most.national.mk-eid.oidc.jwks-uri");

    IllegalStateException failure =
        catchThrowableOfType(IllegalStateException.class, () -> build(values).adapters());

    assertThat(failure).hasMessageContaining("most.national.mk-eid.oidc.jwks-uri");
  }

  /** eid.mk's SAML section: Most's own keys for it and eid.mk's RSA-3072 signing certificate. */
  private Map<String, String> mkEidSaml() throws Exception {
    Map<String, String> values = new HashMap<>();
    values.put("most.national.mk-eid.saml.sp-keystore", keyStore("mk-sp").toString());
    values.put("most.national.mk-eid.saml.sp-keystore-password", "changeit");
    values.put(
        "most.national.mk-eid.saml.idp-certificates", idpCertificate("eid-mk", 3072).toString());
    values.put("most.national.mk-eid.saml.idp-entity-id", "https://eid.mk.example/saml");
    values.put("most.national.mk-eid.saml.idp-sso-url", "https://eid.mk.example/saml/sso");
    return values;
  }

  @Test
  void eidMkOverSamlIsStrictByDefault() throws Exception {
    CountryAdapter mk = build(mkEidSaml()).adapters().get(0);

    assertThat(mk.relaxations()).isEmpty();
    assertThat(mk.failedAnswerLimit()).isEmpty();
  }

  @Test
  void eidMkRequestsAreNotSignedWithAWeakerAlgorithmUnlessRelaxed() throws Exception {
    Map<String, String> values = mkEidSaml();
    values.put(
        "most.national.mk-eid.saml.request-signature-algorithm",
        "http://www.w3.org/2000/09/xmldsig#rsa-sha1");

    IllegalArgumentException failure =
        catchThrowableOfType(IllegalArgumentException.class, () -> build(values).adapters());

    assertThat(failure).hasMessageContaining("requests cannot be signed with");
    values.put("most.national.mk-eid.saml.relaxations", "SHA1_SIGNATURE");
    assertThat(build(values).adapters().get(0).relaxations()).containsExactly("SHA1_SIGNATURE");
  }

  @Test
  void eAuthAndEidMkMayNotDecryptWithOneKey() throws Exception {
    Map<String, String> values = eauth();
    values.putAll(mkEidSaml());
    values.put(
        "most.national.mk-eid.saml.sp-keystore", values.get("most.national.bg-eauth.sp-keystore"));

    IllegalStateException failure =
        catchThrowableOfType(IllegalStateException.class, () -> build(values).adapters());

    assertThat(failure)
        .hasMessageContaining("most.national.bg-eauth and most.national.mk-eid")
        .hasMessageContaining("its own encryption key");
  }

  @Test
  void eidMkSpeaksSamlUnlessToldOtherwise() throws Exception {
    Map<String, String> values = mkEidSaml();
    values.put("most.national.mk-eid.saml.relaxations", "RSA_2048_KEYS");
    values.putAll(eauth());

    ConfiguredNationalEids eids = build(values);

    CountryAdapter mk = eids.adapters().get(1);
    assertThat(mk.id()).isEqualTo("mk-eid");
    assertThat(mk.country()).isEqualTo(CountryCode.MK);
    assertThat(mk).isInstanceOf(eu.mostbridge.saml.SamlCountryAdapter.class);
    assertThat(mk.supportedLevels()).hasSize(3);
    assertThat(mk.relaxations()).containsExactly("RSA_2048_KEYS");
    assertThat(eids.samlServiceProviders().get("mk-eid").entityId())
        .isEqualTo("https://most.example/saml/mk-eid");
    assertThat(eids.samlServiceProviders().get("mk-eid").assertionConsumerService())
        .hasToString("https://most.example/callback/mk-eid");
  }

  @Test
  void eidMkWithoutItsBindingsSectionStopsStartUpSayingWhatIsMissing() {
    Map<String, String> oidcOnly = mkEid();
    oidcOnly.remove("most.national.mk-eid.binding");

    IllegalStateException failure =
        catchThrowableOfType(IllegalStateException.class, () -> build(oidcOnly).adapters());

    assertThat(failure)
        .hasMessageContaining("SAML (the default)")
        .hasMessageContaining("most.national.mk-eid.saml.*")
        .hasMessageContaining("most.national.mk-eid.binding=OIDC");
  }

  @Test
  void aKeyStoreWithoutTheAliasNamesTheSectionAndTheAlias() throws Exception {
    Map<String, String> values = mkEidSaml();
    values.put("most.national.mk-eid.saml.sp-signing-alias", "absent");

    IllegalStateException failure =
        catchThrowableOfType(IllegalStateException.class, () -> build(values).adapters());

    assertThat(failure)
        .hasMessageContaining("most.national.mk-eid.saml.sp-keystore")
        .hasMessageContaining("absent");
  }

  @Test
  void aSectionNoNationalEidReadsStopsStartUpNamingIt() throws Exception {
    Map<String, String> values = eauth();
    values.put("most.national.bg-eath.provider-oid", "2.16.100.1");

    IllegalStateException failure =
        catchThrowableOfType(IllegalStateException.class, () -> build(values).adapters());

    assertThat(failure)
        .hasMessageContaining("most.national.bg-eath.provider-oid")
        .hasMessageContaining("it has [bg-eauth, bg-mvr-eid, ")
        .hasMessageContaining("mk-eid]");
  }

  @Test
  void environmentVariablesConfigureANationalEidAsPropertiesDo() throws Exception {
    Map<String, String> environment = new HashMap<>();
    eauth()
        .forEach(
            (key, value) ->
                environment.put(
                    key.toUpperCase(java.util.Locale.ROOT).replaceAll("[.-]", "_"), value));

    ConfiguredNationalEids eids = build(Map.of(), environment);

    assertThat(eids.adapters()).extracting(CountryAdapter::id).containsExactly("bg-eauth");
    assertThat(eids.adapters().get(0).supportedLevels())
        .as("the levels under service-oids.* are found under their environment names too")
        .containsExactlyInAnyOrder(LevelOfAssurance.LOW, LevelOfAssurance.HIGH);
  }

  @Test
  void aKeyTheNationalEidDoesNotReadStopsStartUpNamingIt() throws Exception {
    Map<String, String> values = eauth();
    values.put("most.national.bg-eauth.idp-sso-ur", "https://eauth.example/sso");

    IllegalStateException failure =
        catchThrowableOfType(IllegalStateException.class, () -> build(values).adapters());

    assertThat(failure)
        .hasMessageContaining("most.national.bg-eauth.idp-sso-ur")
        .hasMessageContaining("not keys of bg-eauth");
  }

  @Test
  void aKeyInAnotherCaseOrWithAnotherSeparatorIsNoKeyAndStopsStartUp() throws Exception {
    Map<String, String> values = eauth();
    values.put("most.national.bg-eauth.Relaxations", "RSA_2048_KEYS");

    IllegalStateException failure =
        catchThrowableOfType(IllegalStateException.class, () -> build(values).adapters());

    assertThat(failure).hasMessageContaining("most.national.bg-eauth.Relaxations");
  }

  @Test
  void blankEnvironmentVariablesConfigureNothing() throws Exception {
    ConfiguredNationalEids eids =
        build(eauth(), Map.of("MOST_NATIONAL_MK_EID_OIDC_CLIENT_SECRET", ""));

    assertThat(eids.adapters()).extracting(CountryAdapter::id).containsExactly("bg-eauth");
  }

  @Test
  void durationsAreReadAsEveryOtherSettingOfTheBroker() throws Exception {
    Map<String, String> values = mkEid();
    values.put("most.national.mk-eid.oidc.pending-lifetime", "1h30m");
    values.put("most.national.mk-eid.oidc.http-timeout", "10S");

    assertThat(build(values).adapters()).hasSize(1);

    values.put("most.national.mk-eid.oidc.pending-lifetime", "soon");
    IllegalStateException failure =
        catchThrowableOfType(IllegalStateException.class, () -> build(values).adapters());
    assertThat(failure)
        .hasMessageContaining("most.national.mk-eid.oidc.pending-lifetime must be a duration")
        .hasMessageNotContaining("soon");
  }

  /** {@code most.national.bg-eauth.idp-sso-url} as the environment writes it. */
  private static String environmentName(String key) {
    return key.toUpperCase(java.util.Locale.ROOT).replaceAll("[.-]", "_");
  }

  @Test
  void profiledEnvironmentVariablesAndIndexedListsConfigureANationalEidToo() throws Exception {
    Map<String, String> environment = new HashMap<>();
    eauth().forEach((key, value) -> environment.put("_PROD_" + environmentName(key), value));
    environment.put("MOST_NATIONAL_BG_EAUTH_PLACEHOLDER_NAMES_0_", "Placeholder (synthetic)");

    ConfiguredNationalEids eids = build(Map.of(), environment, "prod");

    assertThat(eids.adapters()).extracting(CountryAdapter::id).containsExactly("bg-eauth");
  }
}
