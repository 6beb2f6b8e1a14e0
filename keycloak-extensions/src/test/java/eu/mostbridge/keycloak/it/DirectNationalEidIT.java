package eu.mostbridge.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import eu.mostbridge.bg.eauth.EAuthSettings;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.LevelOfAssurance;
import eu.mostbridge.simulator.Personas;
import eu.mostbridge.simulator.SimulatorKeys;
import eu.mostbridge.simulator.eauth.EAuthProfile;
import eu.mostbridge.simulator.eidas.ProxyServiceSimulator;
import eu.mostbridge.simulator.eidmk.EidMkSamlProfile;
import eu.mostbridge.simulator.http.SimulatorServer;
import eu.mostbridge.simulator.oidc.OidcMisbehaviour;
import eu.mostbridge.simulator.oidc.OidcSimulator;
import eu.mostbridge.simulator.oidc.OidcSimulatorSettings;
import eu.mostbridge.simulator.saml.RegisteredServiceProvider;
import eu.mostbridge.simulator.saml.SamlIdpSettings;
import eu.mostbridge.simulator.saml.SamlIdpSimulator;
import eu.mostbridge.simulator.saml.SamlMisbehaviour;
import eu.mostbridge.simulator.saml.ServiceProviderSource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The national eIDs as Keycloak's own identity providers, without Most's broker: the real Keycloak
 * 26.5.6 with the extension and its libraries in {@code providers/}, configured through the admin
 * REST API as the console does, against the simulators of eAuth (as its production system answers),
 * the MVR eID (in its own access-token flow) and eid.mk (SAML), run in this test's JVM. The realm
 * serves a municipality across the border from each eID: its citizens' identifiers are {@code
 * BG/MK/...} and {@code MK/BG/...}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DirectNationalEidIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REALM = "direct";
  private static final String RP_CALLBACK = "http://127.0.0.1:9/cb";
  private static final String MVR_SECRET = "keycloak-at-mvr-secret";
  private static final String KEYSTORE_PASSWORD = "keycloak-sp-keystore";
  private static final String PSEUDONYM_KEY = "test-pseudonym-key-of-forty-characters!!";
  private static final Path WORK = Path.of("target", "it-direct");
  private static final List<String> ATTRIBUTES =
      List.of("most_person_identifier", "most_given_name_native", "most_level_of_assurance");
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private static Process keycloak;
  private static SimulatorServer simulators;
  private static String keycloakBase;
  private static SamlIdpSimulator eauth;
  private static SamlIdpSimulator eidMk;
  private static OidcSimulator mvr;
  private static ProxyServiceSimulator greece;

  @BeforeAll
  static void start() throws Exception {
    Files.createDirectories(WORK);
    int keycloakPort = freePort();
    keycloakBase = "http://127.0.0.1:" + keycloakPort;
    // Secrets through Keycloak's file vault, as docs/KEYCLOAK.md advises.
    Path vault = Files.createDirectories(WORK.resolve("vault"));
    Files.writeString(vault.resolve(REALM + "_mvr-secret"), MVR_SECRET);
    Files.writeString(vault.resolve(REALM + "_pseudonym-key"), PSEUDONYM_KEY);
    keycloak =
        KeycloakServer.start(
            keycloakPort,
            WORK.resolve("keycloak.log"),
            "--vault=file",
            "--vault-dir=" + vault.toAbsolutePath());

    // Keycloak's SAML keys towards the national eIDs, in a keystore as an operator mounts one.
    SimulatorKeys signing = SimulatorKeys.rsa("Keycloak SAML SP signing (test)");
    SimulatorKeys encryption = SimulatorKeys.rsa("Keycloak SAML SP encryption (test)");
    Path keystore = WORK.resolve("sp.p12");
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    char[] password = KEYSTORE_PASSWORD.toCharArray();
    store.setKeyEntry(
        "signing", signing.privateKey(), password, new Certificate[] {signing.certificate()});
    store.setKeyEntry(
        "encryption",
        encryption.privateKey(),
        password,
        new Certificate[] {encryption.certificate()});
    try (OutputStream out = Files.newOutputStream(keystore)) {
      store.store(out, password);
    }

    int simulatorPort = freePort();
    String sim = "http://127.0.0.1:" + simulatorPort;
    Personas personas = Personas.defaults();
    eauth =
        new SamlIdpSimulator(
            new EAuthProfile(),
            SamlIdpSettings.likeProduction(sim + "/eauth"),
            personas,
            SimulatorKeys.rsa("eAuth simulator", 2048),
            // As eAuth: the service provider's metadata read at its entity ID.
            ServiceProviderSource.metadataAtIssuer(descriptor("bg-eauth")::equals));
    mvr =
        new OidcSimulator(
            URI.create(sim + "/mvr"),
            OidcSimulatorSettings.mvrAsItsCodeShows(
                "keycloak-direct", MVR_SECRET, endpoint("bg-mvr-eid")),
            personas);
    eidMk =
        new SamlIdpSimulator(
            new EidMkSamlProfile(CountryCode.BG.alpha2()),
            SamlIdpSettings.eidasStrict(sim + "/eid-mk"),
            personas,
            SimulatorKeys.rsa("eid.mk simulator"),
            List.of(
                new RegisteredServiceProvider(
                    descriptor("mk-eid"),
                    endpoint("mk-eid"),
                    signing.certificate(),
                    encryption.certificate())));
    // Greece's eIDAS ProxyService, which reads the connector's metadata at its entity ID and
    // checks it against the connector's signing certificate.
    greece =
        new ProxyServiceSimulator(
            ProxyServiceSimulator.Settings.typical("EL", URI.create(sim + "/el")),
            SimulatorKeys.ec("Greek ProxyService simulator"),
            personas,
            descriptor("eidas-el")::equals,
            Optional.of(signing.certificate()));
    simulators =
        SimulatorServer.onLoopback(simulatorPort)
            .mount("/eauth", eauth)
            .mount("/mvr", mvr)
            .mount("/eid-mk", eidMk)
            .mount("/el", greece)
            .start();

    await(keycloakBase + "/realms/master", Duration.ofMinutes(4), keycloak);
    configureRealm(sim, keystore);
  }

  @AfterAll
  static void stop() {
    KeycloakServer.stop(keycloak);
    if (simulators != null) {
      simulators.close();
    }
  }

  private static String endpoint(String alias) {
    return keycloakBase + "/realms/" + REALM + "/broker/" + alias + "/endpoint";
  }

  private static String descriptor(String alias) {
    return endpoint(alias) + "/descriptor";
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static Path pem(String name, X509Certificate certificate) throws Exception {
    Path file = WORK.resolve(name + ".pem");
    Files.writeString(
        file,
        "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(certificate.getEncoded())
            + "\n-----END CERTIFICATE-----\n");
    return file.toAbsolutePath();
  }

  private static void await(String url, Duration limit, Process process) throws Exception {
    KeycloakAdmin.await(url, limit, process);
  }

  // --- Keycloak's admin REST API ----------------------------------------------------------------

  private static String adminToken() throws Exception {
    return new KeycloakAdmin(keycloakBase).token();
  }

  private static HttpResponse<String> adminCall(String method, String path, Object body)
      throws Exception {
    return new KeycloakAdmin(keycloakBase).call(method, path, body);
  }

  private static HttpResponse<String> admin(String method, String path, Object body)
      throws Exception {
    return new KeycloakAdmin(keycloakBase).require(method, path, body);
  }

  @SuppressWarnings("unchecked")
  private static void configureRealm(String sim, Path keystore) throws Exception {
    admin(
        "POST",
        "",
        Map.of(
            "realm",
            REALM,
            "enabled",
            true,
            "internationalizationEnabled",
            true,
            "supportedLocales",
            List.of("en", "bg", "mk"),
            "defaultLocale",
            "en"));

    // The user profile of docs/KEYCLOAK.md: what the mappers write, only administrators edit.
    admin("PUT", "/" + REALM + "/users/profile", realm().secureProfile(ATTRIBUTES));

    // First login: link by person identifier, else create the user.
    realm().firstLoginFlow();

    Map<String, String> eauthConfig = new LinkedHashMap<>();
    eauthConfig.put("sp-keystore", keystore.toAbsolutePath().toString());
    eauthConfig.put("sp-keystore-password", KEYSTORE_PASSWORD);
    eauthConfig.put("idp-entity-id", eauth.settings().entityId());
    eauthConfig.put("idp-sso-url", sim + "/eauth/SingleSignOnService");
    eauthConfig.put("idp-certificates", pem("eauth", eauth.signingCertificate()).toString());
    eauthConfig.put("provider-oid", EAuthSettings.TEST_PROVIDER_OID);
    EAuthSettings.testServiceOids()
        .forEach(
            (level, oid) ->
                eauthConfig.put(
                    "service-oids." + level.name().toLowerCase(java.util.Locale.ROOT), oid));
    identityProvider("bg-eauth", "most-bg-eauth", eauthConfig);

    Map<String, String> mvrConfig = new LinkedHashMap<>();
    mvrConfig.put("issuer", sim + "/mvr");
    mvrConfig.put("client-id", "keycloak-direct");
    mvrConfig.put("client-secret", "${vault.mvr-secret}");
    mvrConfig.put("authorization-endpoint", sim + "/mvr/authorize");
    mvrConfig.put("token-endpoint", sim + "/mvr/token");
    mvrConfig.put("userinfo-endpoint", sim + "/mvr/userinfo");
    mvrConfig.put("jwks-uri", sim + "/mvr/jwks");
    // The MVR eID signs with RS256, as Keycloak does by default: a named relaxation.
    mvrConfig.put("algorithms", "RS256,PS256,ES256");
    mvrConfig.put("minimum-level", "high");
    identityProvider("bg-mvr-eid", "most-bg-mvr-eid", mvrConfig);

    Map<String, String> mkConfig = new LinkedHashMap<>();
    mkConfig.put("saml.sp-keystore", keystore.toAbsolutePath().toString());
    mkConfig.put("saml.sp-keystore-password", KEYSTORE_PASSWORD);
    mkConfig.put("saml.idp-entity-id", sim + "/eid-mk");
    mkConfig.put("saml.idp-sso-url", sim + "/eid-mk/SingleSignOnService");
    mkConfig.put("saml.idp-certificates", pem("eid-mk", eidMk.signingCertificate()).toString());
    identityProvider("mk-eid", "most-mk-eid", mkConfig);

    Map<String, String> greekConfig = new LinkedHashMap<>();
    greekConfig.put("country", "EL");
    greekConfig.put("node-country", "MK");
    greekConfig.put("keystore", keystore.toAbsolutePath().toString());
    greekConfig.put("keystore-password", KEYSTORE_PASSWORD);
    greekConfig.put("encryption-aliases", "encryption");
    greekConfig.put("entity-id", greece.settings().entityId());
    greekConfig.put("trust-anchor", pem("el", greece.signingCertificate()).toString());
    greekConfig.put("organization-name", "Municipality (test)");
    greekConfig.put("organization-url", "https://municipality.example");
    greekConfig.put("support-contact", "support@municipality.example");
    greekConfig.put("technical-contact", "eidas@municipality.example");
    identityProvider("eidas-el", "most-eidas-network", greekConfig);

    // The realm's own client, with the claims mapper.
    createClient("portal", Map.of());

    // A client whose flow requires high: step-up through eAuth, held by the required action.
    createClient("high-portal", Map.of("browser", realm().stepUpFlow("eauth-high", "bg-eauth")));

    // An existing local user, known by the person identifier of a Macedonian citizen.
    admin(
        "POST",
        "/" + REALM + "/users",
        Map.of(
            "username",
            "ljubica.local",
            "enabled",
            true,
            "firstName",
            "Ljubica",
            "lastName",
            "Local",
            "email",
            "ljubica@example.test",
            "emailVerified",
            true,
            "attributes",
            Map.of("most_person_identifier", List.of("MK/BG/0309001416228"))));
  }

  /** A national eID provider with the attribute and username mappers. */
  private static void identityProvider(String alias, String type, Map<String, String> config)
      throws Exception {
    Map<String, Object> provider = new LinkedHashMap<>();
    provider.put("alias", alias);
    provider.put("providerId", type);
    provider.put("enabled", true);
    provider.put("firstBrokerLoginFlowAlias", "most-first-login");
    Map<String, String> settings = new LinkedHashMap<>(config);
    settings.put("pseudonym-key", "${vault.pseudonym-key}");
    provider.put("config", settings);
    admin("POST", "/" + REALM + "/identity-provider/instances", provider);
    realm()
        .mappers(
            alias,
            Map.of(
                "PERSON_IDENTIFIER", "most_person_identifier",
                "GIVEN_NAME_NATIVE", "most_given_name_native",
                "LEVEL_OF_ASSURANCE", "most_level_of_assurance",
                "GIVEN_NAME", "firstName",
                "FAMILY_NAME", "lastName"));
  }

  private static void createClient(String clientId, Map<String, String> flowOverrides)
      throws Exception {
    realm().client(clientId, RP_CALLBACK, flowOverrides);
  }

  private static CitizenRealm realm() {
    return new CitizenRealm(new KeycloakAdmin(keycloakBase), REALM);
  }

  // --- the logins -------------------------------------------------------------------------------

  private static String authorize(String client, String alias, String extra) {
    return keycloakBase
        + "/realms/"
        + REALM
        + "/protocol/openid-connect/auth?client_id="
        + client
        + "&response_type=code&scope=openid&kc_idp_hint="
        + alias
        + "&redirect_uri="
        + URLEncoder.encode(RP_CALLBACK, StandardCharsets.UTF_8)
        + extra;
  }

  /**
   * From Keycloak to the simulator's persona page: a SAML request is posted by the page Keycloak
   * answers with, an OpenID Connect one is a redirect.
   */
  private static WebClient.Page toSimulator(WebClient browser, WebClient.Page page)
      throws Exception {
    return page.hasForm("SingleSignOnService")
        ? browser.submit(page, "SingleSignOnService", Map.of())
        : page;
  }

  /** Picks {@code persona} at the simulator; the answer carried back to Keycloak. */
  private static WebClient.Page asPersona(WebClient browser, WebClient.Page picker, String persona)
      throws Exception {
    WebClient.Page page =
        browser.submit(picker, "login", Map.of("persona", persona, "action", "login"));
    return page.hasForm("/endpoint") ? browser.submit(page, "/endpoint", Map.of()) : page;
  }

  private static WebClient.Page login(WebClient browser, String client, String alias, String who)
      throws Exception {
    WebClient.Page first = browser.get(authorize(client, alias, ""));
    return asPersona(browser, toSimulator(browser, first), who);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> idTokenClaims(String client, String code) throws Exception {
    HttpResponse<String> tokens =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        keycloakBase + "/realms/" + REALM + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "grant_type=authorization_code&client_id="
                            + client
                            + "&client_secret=portal-secret&redirect_uri="
                            + URLEncoder.encode(RP_CALLBACK, StandardCharsets.UTF_8)
                            + "&code="
                            + URLEncoder.encode(code, StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
    String idToken = (String) JSON.readValue(tokens.body(), Map.class).get("id_token");
    return JSON.readValue(Base64.getUrlDecoder().decode(idToken.split("\\.", -1)[1]), Map.class);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> citizens(String personIdentifier) throws Exception {
    return JSON.readValue(
        admin(
                "GET",
                "/"
                    + REALM
                    + "/users?exact=true&q="
                    + URLEncoder.encode(
                        "most_person_identifier:" + personIdentifier, StandardCharsets.UTF_8),
                null)
            .body(),
        List.class);
  }

  // --- the tests --------------------------------------------------------------------------------

  @Test
  @Order(1)
  @SuppressWarnings("unchecked")
  void theNationalEidsAreProviderTypes() throws Exception {
    Map<String, Object> info =
        JSON.readValue(
            HTTP.send(
                    HttpRequest.newBuilder(URI.create(keycloakBase + "/admin/serverinfo"))
                        .header("Authorization", "Bearer " + adminToken())
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .body(),
            Map.class);
    List<Map<String, Object>> types = (List<Map<String, Object>>) info.get("identityProviders");
    assertThat(types)
        .extracting(t -> t.get("id") + "=" + t.get("name"))
        .contains(
            "most-bg-eauth=Bulgarian eAuth",
            "most-bg-mvr-eid=Bulgarian MVR eID",
            "most-mk-eid=North Macedonian eid.mk",
            "most-eidas-network=EU country through the eIDAS network");
  }

  @Test
  @Order(2)
  void eAuthServesKeycloaksSignedMetadataAtItsEntityId() throws Exception {
    HttpResponse<String> metadata =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(descriptor("bg-eauth"))).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(metadata.statusCode()).isEqualTo(200);
    assertThat(metadata.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/samlmetadata+xml"));
    assertThat(metadata.body())
        .contains("entityID=\"" + descriptor("bg-eauth") + "\"")
        .contains("Location=\"" + endpoint("bg-eauth") + "\"")
        .contains("SignatureValue");
    HttpResponse<String> oidc =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(descriptor("bg-mvr-eid"))).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(oidc.statusCode()).isEqualTo(404);
  }

  @Test
  @Order(3)
  @SuppressWarnings("unchecked")
  void aBulgarianCitizenLogsInThroughEAuthAsItsProductionSystemAnswers() throws Exception {
    WebClient.Page back = login(new WebClient(RP_CALLBACK), "portal", "bg-eauth", "bg-georgi");

    assertThat(back.uri().toString()).as(back.body()).startsWith(RP_CALLBACK + "?");
    Map<String, Object> claims = idTokenClaims("portal", back.query().get("code"));
    assertThat(claims)
        .containsEntry("person_identifier", "BG/MK/0347214827")
        .containsEntry("origin_country", "BG")
        .containsEntry("eidas_level_of_assurance", LevelOfAssurance.SUBSTANTIAL.uri());
    assertThat(claims.get("preferred_username").toString())
        .as("a pseudonym, no national number")
        .matches("most-[0-9a-f]{32}");
    List<Map<String, Object>> users = citizens("BG/MK/0347214827");
    assertThat(users).hasSize(1);
    Map<String, List<String>> attributes =
        (Map<String, List<String>>) users.get(0).get("attributes");
    assertThat(attributes.get("most_given_name_native")).isNotEmpty();
  }

  @Test
  @Order(4)
  void aBulgarianCitizenLogsInThroughTheMvrEidAtHigh() throws Exception {
    WebClient.Page back = login(new WebClient(RP_CALLBACK), "portal", "bg-mvr-eid", "bg-maria");

    assertThat(back.uri().toString()).as(back.body()).startsWith(RP_CALLBACK + "?");
    assertThat(idTokenClaims("portal", back.query().get("code")))
        .containsEntry("person_identifier", "BG/MK/8703141379")
        .containsEntry("eidas_level_of_assurance", LevelOfAssurance.HIGH.uri());
  }

  @Test
  @Order(5)
  void aMacedonianCitizenLogsInThroughEidMk() throws Exception {
    WebClient.Page back = login(new WebClient(RP_CALLBACK), "portal", "mk-eid", "mk-gjorgji");

    assertThat(back.uri().toString()).as(back.body()).startsWith(RP_CALLBACK + "?");
    assertThat(idTokenClaims("portal", back.query().get("code")))
        .containsEntry("person_identifier", "MK/BG/1205990451235")
        .containsEntry("origin_country", "MK")
        .containsEntry("given_name", "Gjorgji")
        .containsEntry("given_name#native", "Ѓорѓи");
  }

  @Test
  @Order(6)
  @SuppressWarnings("unchecked")
  void theFirstLoginLinksAnExistingUserByPersonIdentifier() throws Exception {
    WebClient.Page back = login(new WebClient(RP_CALLBACK), "portal", "mk-eid", "mk-ljubica");

    assertThat(back.uri().toString()).as(back.body()).startsWith(RP_CALLBACK + "?");
    assertThat(idTokenClaims("portal", back.query().get("code")))
        .containsEntry("preferred_username", "ljubica.local");
    assertThat(citizens("MK/BG/0309001416228"))
        .as("no second user was made")
        .hasSize(1)
        .allMatch(user -> "ljubica.local".equals(user.get("username")));
  }

  @Test
  @Order(7)
  void aFlowRequiringHighStepsUpThroughEAuth() throws Exception {
    WebClient browser = new WebClient(RP_CALLBACK);
    WebClient.Page first = login(browser, "portal", "bg-eauth", "bg-maria");
    assertThat(idTokenClaims("portal", first.query().get("code")))
        .containsEntry("eidas_level_of_assurance", LevelOfAssurance.SUBSTANTIAL.uri());

    // The session is substantial: the high client sends the citizen to eAuth again, for high.
    WebClient.Page toEAuth =
        browser.get(
            keycloakBase
                + "/realms/"
                + REALM
                + "/protocol/openid-connect/auth?client_id=high-portal&response_type=code"
                + "&scope=openid&redirect_uri="
                + URLEncoder.encode(RP_CALLBACK, StandardCharsets.UTF_8));
    WebClient.Page back = asPersona(browser, toSimulator(browser, toEAuth), "bg-maria");
    assertThat(back.uri().toString()).as(back.body()).startsWith(RP_CALLBACK + "?");
    assertThat(idTokenClaims("high-portal", back.query().get("code")))
        .containsEntry("person_identifier", "BG/MK/8703141379")
        .containsEntry("eidas_level_of_assurance", LevelOfAssurance.HIGH.uri());
  }

  @Test
  @Order(8)
  void anEidMkAnswerSignedByAnotherKeyIsRefusedInTheCitizensLanguage() throws Exception {
    eidMk.misbehave(Set.of(SamlMisbehaviour.WRONG_SIGNING_KEY));
    try {
      WebClient browser = new WebClient(RP_CALLBACK);
      WebClient.Page first = browser.get(authorize("portal", "mk-eid", "&ui_locales=mk"));
      WebClient.Page refused = asPersona(browser, toSimulator(browser, first), "mk-gjorgji");
      assertThat(refused.uri().toString()).doesNotStartWith(RP_CALLBACK);
      assertThat(refused.status()).as(refused.body()).isEqualTo(400);
      assertThat(refused.body())
          .contains("не можеше да се провери")
          .doesNotContain("Exception")
          .doesNotContain("1205990451235");
    } finally {
      eidMk.misbehave(Set.of());
    }
  }

  @Test
  @Order(9)
  void anMvrTokenMacedWithItsPublicKeyIsRefused() throws Exception {
    mvr.misbehave(Set.of(OidcMisbehaviour.HMAC_WITH_PUBLIC_KEY));
    try {
      WebClient.Page refused =
          login(new WebClient(RP_CALLBACK), "portal", "bg-mvr-eid", "bg-ivan-certificate");
      assertThat(refused.uri().toString()).doesNotStartWith(RP_CALLBACK);
      assertThat(refused.status()).as(refused.body()).isEqualTo(400);
      assertThat(refused.body()).contains("could not be verified");
      assertThat(citizens("BG/MK/8402093721")).isEmpty();
    } finally {
      mvr.misbehave(Set.of());
    }
  }

  @Test
  @Order(10)
  void anEAuthAnswerToAnotherRequestFindsNoLogin() throws Exception {
    eauth.misbehave(Set.of(SamlMisbehaviour.WRONG_IN_RESPONSE_TO));
    try {
      WebClient.Page refused =
          login(new WebClient(RP_CALLBACK), "portal", "bg-eauth", "bg-john-lnch");
      assertThat(refused.status()).as(refused.body()).isEqualTo(400);
      assertThat(refused.body()).contains("belongs to no login waiting in this browser");
    } finally {
      eauth.misbehave(Set.of());
    }
  }

  @Test
  @Order(12)
  void aGreekCitizenLogsInThroughHerCountrysEidasProxyService() throws Exception {
    WebClient browser = new WebClient(RP_CALLBACK);
    WebClient.Page first = browser.get(authorize("portal", "eidas-el", ""));
    assertThat(first.hasForm("/el/sso")).as(first.body()).isTrue();
    WebClient.Page picker = browser.submit(first, "/el/sso", Map.of());
    WebClient.Page back = asPersona(browser, picker, "el-eleni");

    assertThat(back.uri().toString()).as(back.body()).startsWith(RP_CALLBACK + "?");
    Map<String, Object> claims = idTokenClaims("portal", back.query().get("code"));
    assertThat(claims.get("person_identifier").toString()).startsWith("EL/MK/");
    assertThat(claims)
        .containsEntry("origin_country", "EL")
        .containsEntry("given_name#native", "Ελένη")
        .containsEntry("family_name", "Papadopoulou");
    assertThat(greece.lastRequest())
        .hasValueSatisfying(request -> assertThat(request).contains(descriptor("eidas-el")));
  }

  @Test
  @Order(13)
  void theConnectorsMetadataIsSignedAndNamesItsCountry() throws Exception {
    HttpResponse<String> metadata =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(descriptor("eidas-el"))).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(metadata.statusCode()).isEqualTo(200);
    assertThat(metadata.body())
        .contains("entityID=\"" + descriptor("eidas-el") + "\"")
        .contains("Location=\"" + endpoint("eidas-el") + "\"")
        .contains("SignatureValue")
        .contains("Municipality (test)");
  }

  /** The posted SAMLResponse of a page that carries one back to Keycloak. */
  private static String samlResponse(WebClient.Page page) {
    java.util.regex.Matcher field =
        java.util.regex.Pattern.compile("name=\"SAMLResponse\" value=\"([^\"]+)\"")
            .matcher(page.body());
    assertThat(field.find()).as(page.body()).isTrue();
    return WebClient.unescape(field.group(1));
  }

  /** {@code response} with one character of its first encrypted value changed. */
  private static String tampered(String response) {
    String xml = new String(Base64.getDecoder().decode(response), StandardCharsets.UTF_8);
    int at = xml.indexOf("CipherValue>") + "CipherValue>".length() + 10;
    char changed = xml.charAt(at) == 'A' ? 'B' : 'A';
    return Base64.getEncoder()
        .encodeToString(
            (xml.substring(0, at) + changed + xml.substring(at + 1))
                .getBytes(StandardCharsets.UTF_8));
  }

  /** The page on which the simulator's answer waits to be posted to Keycloak. */
  private static WebClient.Page answerPage(WebClient browser, String alias, String persona)
      throws Exception {
    WebClient.Page first = browser.get(authorize("portal", alias, ""));
    WebClient.Page page =
        browser.submit(
            toSimulator(browser, first), "login", Map.of("persona", persona, "action", "login"));
    assertThat(page.hasForm("/endpoint")).as(page.body()).isTrue();
    return page;
  }

  @Test
  @Order(14)
  void aForgedAnswerLeavesTheLoginWaitingForTheGenuineOne() throws Exception {
    WebClient browser = new WebClient(RP_CALLBACK);
    WebClient.Page answer = answerPage(browser, "mk-eid", "mk-gjorgji");
    String genuine = samlResponse(answer);

    WebClient.Page forged =
        browser.submit(answer, "/endpoint", Map.of("SAMLResponse", tampered(genuine)));
    assertThat(forged.status()).as(forged.body()).isEqualTo(400);
    assertThat(forged.body()).contains("Your login is still waiting");

    WebClient.Page back = browser.submit(answer, "/endpoint", Map.of());
    assertThat(back.uri().toString()).as(back.body()).startsWith(RP_CALLBACK + "?");
  }

  @Test
  @Order(15)
  void anEAuthLoginReadsAtMostThreeAnswersBeforeItEnds() throws Exception {
    WebClient browser = new WebClient(RP_CALLBACK);
    WebClient.Page answer = answerPage(browser, "bg-eauth", "bg-georgi");
    String genuine = samlResponse(answer);
    for (int i = 0; i < 3; i++) {
      WebClient.Page forged =
          browser.submit(answer, "/endpoint", Map.of("SAMLResponse", tampered(genuine)));
      assertThat(forged.status()).as(forged.body()).isEqualTo(400);
    }

    // Even the genuine answer is not decrypted now: the login has ended.
    WebClient.Page late = browser.submit(answer, "/endpoint", Map.of());
    assertThat(late.uri().toString()).as(late.body()).doesNotStartWith(RP_CALLBACK);
    assertThat(late.body()).contains("Too many answers to this login could not be verified");
  }

  @Test
  @Order(16)
  @SuppressWarnings("unchecked")
  void aCitizensIdAtTheProviderIsAnHmacUnderThePseudonymKeyFromTheVault() throws Exception {
    List<Map<String, Object>> users = citizens("BG/MK/0347214827");
    assertThat(users).hasSize(1);
    List<Map<String, Object>> links =
        JSON.readValue(
            admin(
                    "GET",
                    "/" + REALM + "/users/" + users.get(0).get("id") + "/federated-identity",
                    null)
                .body(),
            List.class);
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(
        new javax.crypto.spec.SecretKeySpec(
            PSEUDONYM_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String keyed =
        java.util.HexFormat.of()
            .formatHex(mac.doFinal("BG/0347214827".getBytes(StandardCharsets.UTF_8)), 0, 16);
    assertThat(links)
        .singleElement()
        .satisfies(
            link -> {
              assertThat(link.get("userId")).isEqualTo(keyed);
              assertThat(link.get("userName").toString()).doesNotContain("0347214827");
            });
  }

  @Test
  @Order(11)
  void aNationalEidThatCannotBeBuiltCannotBeSaved() throws Exception {
    Map<String, Object> provider = new LinkedHashMap<>();
    provider.put("alias", "broken-eauth");
    provider.put("providerId", "most-bg-eauth");
    provider.put("enabled", true);
    provider.put(
        "config", Map.of("sp-keystore", WORK.resolve("absent.p12").toAbsolutePath().toString()));
    HttpResponse<String> saved =
        adminCall("POST", "/" + REALM + "/identity-provider/instances", provider);
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(400);
    assertThat(saved.body()).contains("sp-keystore");
  }

  @ParameterizedTest(name = "{0} at {1}")
  @CsvSource({
    "bg-eauth, low, bg-mariyana",
    "bg-eauth, substantial, bg-georgi",
    "bg-eauth, high, bg-ivan-certificate",
    "mk-eid, low, mk-dzvezdan",
    "mk-eid, substantial, mk-ljubica",
    "mk-eid, high, mk-gjorgji",
    "bg-mvr-eid, high, bg-john-lnch"
  })
  @Order(20)
  @SuppressWarnings("unchecked")
  void eachNationalEidLogsInAtEachLevelItOffers(String alias, String level, String persona)
      throws Exception {
    Map<String, Object> provider =
        JSON.readValue(
            admin("GET", "/" + REALM + "/identity-provider/instances/" + alias, null).body(),
            Map.class);
    Map<String, Object> config = (Map<String, Object>) provider.get("config");
    Object before = config.get("minimum-level");
    config.put("minimum-level", level);
    admin("PUT", "/" + REALM + "/identity-provider/instances/" + alias, provider);
    try {
      WebClient.Page back = login(new WebClient(RP_CALLBACK), "portal", alias, persona);

      assertThat(back.uri().toString()).as(back.body()).startsWith(RP_CALLBACK + "?");
      assertThat(idTokenClaims("portal", back.query().get("code")))
          .containsEntry(
              "eidas_level_of_assurance",
              LevelOfAssurance.valueOf(level.toUpperCase(java.util.Locale.ROOT)).uri());
    } finally {
      config.put("minimum-level", before == null ? "substantial" : before);
      admin("PUT", "/" + REALM + "/identity-provider/instances/" + alias, provider);
    }
  }

  @Test
  @Order(0)
  void theLibrariesBesideTheJarAreNoneKeycloakShips() throws Exception {
    List<String> shipped;
    try (var files =
        Files.list(Path.of(System.getProperty("most.keycloak.home"), "lib", "lib", "main"))) {
      shipped = files.map(f -> f.getFileName().toString()).toList();
    }
    List<String> libraries;
    try (var files = Files.list(Path.of(System.getProperty("most.extension.libraries")))) {
      libraries = files.map(f -> f.getFileName().toString()).toList();
    }
    assertThat(libraries).anyMatch(name -> name.startsWith("opensaml-saml-impl-"));
    for (String library : libraries) {
      String artifact = library.replaceFirst("-[0-9][^-]*(-SNAPSHOT)?(\\.RELEASE)?\\.jar$", "");
      assertThat(shipped)
          .as(library + " is in Keycloak already")
          .noneMatch(
              name ->
                  name.matches(
                      ".*\\." + java.util.regex.Pattern.quote(artifact) + "-[0-9].*\\.jar"));
    }
  }
}
