package eu.mostbridge.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A real Keycloak 26.5.6 (the distribution from Maven Central, our jar in {@code providers/}) and
 * the packaged Most demo (demo/), each in its own process; a realm configured through Keycloak's
 * admin REST API as an operator would in the console; logins clicked through as a browser would:
 * Keycloak → Most → the eid.mk simulator → consent → Keycloak → the realm's client. The same realm
 * also has Keycloak's own SAML identity provider pointed at Most's eIDAS face (Most's metadata
 * imported from its URL, as the console's "Import from URL" does), and Most trusts the realm
 * through the realm's signed SP metadata, read from Keycloak once it exists.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeycloakThroughMostIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REALM = "cross-border";
  private static final String CLIENT_SECRET = "keycloak-at-most-secret";
  private static final String RP_CALLBACK = "http://127.0.0.1:9/cb";
  private static final Path WORK = Path.of("target", "it");
  private static final List<String> MOST_ATTRIBUTES =
      List.of(
          "most_person_identifier",
          "most_given_name_native",
          "most_birthdate",
          "most_level_of_assurance",
          "most_origin_country");
  private static final String GJORGJI = "MK/BG/1205990451235";
  private static final String SAML_ALIAS = "most-eidas";
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private static RealmKey realmSigningKey;
  private static Process most;
  private static Process keycloak;
  private static String mostBase;
  private static String keycloakBase;

  @BeforeAll
  static void start() throws Exception {
    Files.createDirectories(WORK);
    int mostPort = freePort();
    int mostManagementPort = freePort();
    int keycloakPort = freePort();
    mostBase = "http://localhost:" + mostPort;
    keycloakBase = "http://127.0.0.1:" + keycloakPort;
    realmSigningKey = RealmKey.make(WORK);

    Path clients = WORK.resolve("clients.yaml");
    Files.writeString(
        clients,
        """
        clients:
          - id: keycloak-bg-realm
            names: {bg: "Българска община (Keycloak)", mk: "Бугарска општина (Keycloak)", en: "Bulgarian municipality (Keycloak)"}
            redirectUris: [http://127.0.0.1/realms/%s/broker/most/endpoint]
            secretHash: "%s"
            allowedCountries: [MK]
            identifierPolicy: NATIONAL_NUMBER
        """
            .formatted(REALM, secretHash(CLIENT_SECRET)));
    most =
        new ProcessBuilder(
                javaBinary(),
                "-Dquarkus.http.port=" + mostPort,
                "-Dquarkus.management.port=" + mostManagementPort,
                "-Dmost.clients-file=" + clients.toAbsolutePath(),
                // The realm as a SAML service provider of Most's eIDAS face: its metadata does not
                // exist until the realm does, so Most starts without it and reads it when it can.
                "-Dmost.eidas.connectors.keycloak.entity-id=" + keycloakBase + "/realms/" + REALM,
                "-Dmost.eidas.connectors.keycloak.metadata-url="
                    + keycloakBase
                    + "/realms/"
                    + REALM
                    + "/broker/"
                    + SAML_ALIAS
                    + "/endpoint/descriptor",
                "-Dmost.eidas.connectors.keycloak.metadata-signer="
                    + realmSigningKey.certificatePem().toAbsolutePath(),
                "-Dmost.eidas.connectors.keycloak.metadata-refresh=PT2S",
                "-Dmost.eidas.connectors.keycloak.relaxations=NO_NODE_COUNTRY,RSA_PKCS1_SIGNATURE,"
                    + "METADATA_WITHOUT_VALID_UNTIL,PLAIN_SAML_REQUESTS",
                "-Dmost.eidas.connectors.keycloak.node-country=BG",
                "-Dmost.eidas.connectors.keycloak.sp-type=public",
                "-Dmost.eidas.connectors.keycloak.name=Bulgarian municipality (Keycloak, SAML)",
                "-jar",
                System.getProperty("most.demo.jar"))
            .redirectErrorStream(true)
            .redirectOutput(WORK.resolve("most.log").toFile())
            .start();

    keycloak = KeycloakServer.start(keycloakPort, WORK.resolve("keycloak.log"));

    await(
        "http://localhost:" + mostManagementPort + "/q/health/ready", Duration.ofSeconds(90), most);
    await(keycloakBase + "/realms/master", Duration.ofMinutes(4), keycloak);
    configureRealm();
  }

  @AfterAll
  static void stop() {
    KeycloakServer.stop(keycloak);
    KeycloakServer.stop(most);
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String secretHash(String secret) throws Exception {
    return "sha256:"
        + HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
  }

  private static void await(String url, Duration limit, Process process) throws Exception {
    KeycloakAdmin.await(url, limit, process);
  }

  // --- Keycloak's admin REST API ----------------------------------------------------------------

  private static String adminToken() throws Exception {
    return new KeycloakAdmin(keycloakBase).token();
  }

  private static HttpResponse<String> admin(String method, String path, Object body)
      throws Exception {
    return new KeycloakAdmin(keycloakBase).require(method, path, body);
  }

  @SuppressWarnings("unchecked")
  private static void configureRealm() throws Exception {
    // Self-registration on, as at many services: anyone can become an ordinary local user.
    admin("POST", "", Map.of("realm", REALM, "enabled", true, "registrationAllowed", true));

    // The user profile as docs/KEYCLOAK.md sets it: the attributes Most's mappers write are
    // declared, users may see them but only administrators (and Most's logins) write them; other
    // attributes only administrators see; e-mail is optional (Most sends none).
    admin("PUT", "/" + REALM + "/users/profile", secureProfile());

    // First login: link by person identifier, else create the user.
    realm().firstLoginFlow();

    // The identity provider, from Most's discovery document, as the console's "Discovery endpoint".
    Map<String, Object> config =
        JSON.readValue(
            admin(
                    "POST",
                    "/" + REALM + "/identity-provider/import-config",
                    Map.of(
                        "providerId",
                        "most",
                        "fromUrl",
                        mostBase + "/.well-known/openid-configuration"))
                .body(),
            Map.class);
    config.put("clientId", "keycloak-bg-realm");
    config.put("clientSecret", CLIENT_SECRET);
    config.put("clientAuthMethod", "client_secret_basic");
    config.put("pkceEnabled", "true");
    config.put("pkceMethod", "S256");
    config.put("validateSignature", "true");
    config.put("useJwksUrl", "true");
    config.put("syncMode", "FORCE");
    config.put("defaultScope", "openid");
    config.put("mostCountries", "MK");
    config.put("mostMinimumLevel", "substantial");
    Map<String, Object> provider = new LinkedHashMap<>();
    provider.put("alias", "most");
    provider.put("providerId", "most");
    provider.put("enabled", true);
    provider.put("firstBrokerLoginFlowAlias", "most-first-login");
    provider.put("config", config);
    admin("POST", "/" + REALM + "/identity-provider/instances", provider);

    Map<String, String> mappers = new LinkedHashMap<>();
    mappers.put("PERSON_IDENTIFIER", "most_person_identifier");
    mappers.put("GIVEN_NAME", "firstName");
    mappers.put("FAMILY_NAME", "lastName");
    mappers.put("GIVEN_NAME_NATIVE", "most_given_name_native");
    mappers.put("BIRTHDATE", "most_birthdate");
    mappers.put("LEVEL_OF_ASSURANCE", "most_level_of_assurance");
    mappers.put("ORIGIN_COUNTRY", "most_origin_country");
    realm().mappers("most", mappers);

    configureSamlIdentityProvider();

    // The realm's own client, with the claims mapper.
    createClient("portal", Map.of());

    // A client whose browser flow requires the high level: step-up through Most, held by the
    // required action that checks the level as the login completes.
    createClient("high-portal", Map.of("browser", realm().stepUpFlow("most-step-up", "most")));

    // An existing local user of the municipality, known by the person identifier of a Macedonian
    // citizen (synthetic EMBG), set by an administrator; she also has a password.
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
            Map.of("most_person_identifier", List.of("MK/BG/0309001416228")),
            "credentials",
            List.of(Map.of("type", "password", "value", "ljubica-pw", "temporary", false))));
    // An ordinary local user, as anyone can become by registering.
    admin(
        "POST",
        "/" + REALM + "/users",
        Map.of(
            "username", "mallory",
            "enabled", true,
            "firstName", "Mallory",
            "lastName", "Local",
            "email", "mallory@example.test",
            "emailVerified", true,
            "credentials",
                List.of(Map.of("type", "password", "value", "mallory-pw", "temporary", false))));
  }

  /**
   * Keycloak's own SAML identity provider on Most's Macedonian eIDAS identity provider, as an
   * operator sets it up in the console: keys of the eIDAS profile's strength (RSA 3072; the signing
   * key imported, so Most can be told its certificate before the realm exists), Most's metadata
   * imported from its URL, signed requests, ForceAuthn, the non-notified level asked for exactly,
   * signed and encrypted assertions, signed SP metadata (Keycloak 26.5 signs it with RSA PKCS#1
   * v1.5 only, hence that relaxation at Most).
   */
  @SuppressWarnings("unchecked")
  private static void configureSamlIdentityProvider() throws Exception {
    List<Map<String, Object>> keyProviders =
        JSON.readValue(
            admin("GET", "/" + REALM + "/components?type=org.keycloak.keys.KeyProvider", null)
                .body(),
            List.class);
    for (Map<String, Object> provider : keyProviders) {
      if (List.of("rsa-generated", "rsa-enc-generated").contains(provider.get("providerId"))) {
        admin("DELETE", "/" + REALM + "/components/" + provider.get("id"), null);
      }
    }
    admin(
        "POST",
        "/" + REALM + "/components",
        Map.of(
            "name", "rsa-3072-imported",
            "providerId", "rsa",
            "providerType", "org.keycloak.keys.KeyProvider",
            "config",
                Map.of(
                    "priority", List.of("200"),
                    "algorithm", List.of("RS256"),
                    "privateKey", List.of(realmSigningKey.privateKeyBase64()),
                    "certificate", List.of(realmSigningKey.certificateBase64()))));
    admin(
        "POST",
        "/" + REALM + "/components",
        Map.of(
            "name", "rsa-enc-3072",
            "providerId", "rsa-enc-generated",
            "providerType", "org.keycloak.keys.KeyProvider",
            "config",
                Map.of(
                    "priority", List.of("200"),
                    "keySize", List.of("3072"),
                    "algorithm", List.of("RSA-OAEP"))));

    Map<String, Object> config =
        JSON.readValue(
            admin(
                    "POST",
                    "/" + REALM + "/identity-provider/import-config",
                    Map.of("providerId", "saml", "fromUrl", mostBase + "/eidas/mk/metadata"))
                .body(),
            Map.class);
    assertThat(config)
        .containsEntry("singleSignOnServiceUrl", mostBase + "/eidas/mk/sso")
        .containsEntry("wantAuthnRequestsSigned", "true");
    config.put("principalType", "SUBJECT");
    config.put("nameIDPolicyFormat", "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent");
    config.put("forceAuthn", "true");
    config.put("signatureAlgorithm", "RSA_SHA256");
    config.put("wantAssertionsSigned", "true");
    config.put("wantAssertionsEncrypted", "true");
    config.put("validateSignature", "true");
    config.put("signSpMetadata", "true");
    config.put(
        "authnContextClassRefs",
        JSON.writeValueAsString(List.of("http://eidas.europa.eu/NotNotified/LoA/low")));
    config.put("authnContextComparisonType", "exact");
    config.put("syncMode", "FORCE");
    Map<String, Object> provider = new LinkedHashMap<>();
    provider.put("alias", SAML_ALIAS);
    provider.put("providerId", "saml");
    provider.put("enabled", true);
    provider.put("firstBrokerLoginFlowAlias", "most-first-login");
    provider.put("config", config);
    admin("POST", "/" + REALM + "/identity-provider/instances", provider);
    Map<String, String> attributes =
        Map.of(
            "CurrentGivenName", "firstName",
            "CurrentFamilyName", "lastName",
            "DateOfBirth", "most_birthdate");
    for (Map.Entry<String, String> mapper : attributes.entrySet()) {
      admin(
          "POST",
          "/" + REALM + "/identity-provider/instances/" + SAML_ALIAS + "/mappers",
          Map.of(
              "name",
              mapper.getKey(),
              "identityProviderAlias",
              SAML_ALIAS,
              "identityProviderMapper",
              "saml-user-attribute-idp-mapper",
              "config",
              Map.of(
                  "syncMode",
                  "INHERIT",
                  "attribute.name",
                  "http://eidas.europa.eu/attributes/naturalperson/" + mapper.getKey(),
                  "attribute.name.format",
                  "ATTRIBUTE_FORMAT_URI",
                  "user.attribute",
                  mapper.getValue())));
    }
  }

  /** The realm's user profile as docs/KEYCLOAK.md sets it. */
  private static Map<String, Object> secureProfile() throws Exception {
    return realm().secureProfile(MOST_ATTRIBUTES);
  }

  /** A confidential client of the realm with the claims mapper, and its flow overrides. */
  private static void createClient(String clientId, Map<String, String> flowOverrides)
      throws Exception {
    realm().client(clientId, RP_CALLBACK, flowOverrides);
  }

  private static CitizenRealm realm() {
    return new CitizenRealm(new KeycloakAdmin(keycloakBase), REALM);
  }

  // --- the logins -------------------------------------------------------------------------------

  /** A browser login at the realm's client through Most as {@code persona}; the page it ends on. */
  private static WebClient.Page login(WebClient browser, String persona) throws Exception {
    WebClient.Page choose =
        browser.get(
            keycloakBase
                + "/realms/"
                + REALM
                + "/protocol/openid-connect/auth?client_id=portal&response_type=code&scope=openid"
                + "&kc_idp_hint=most&redirect_uri="
                + URLEncoder.encode(RP_CALLBACK, StandardCharsets.UTF_8));
    assertThat(choose.uri().toString()).as(choose.body()).startsWith(mostBase + "/login/");
    WebClient.Page picker = eidMkPicker(browser, choose);
    WebClient.Page consent = eidMkLogin(browser, picker, persona);
    if (!consent.hasForm("/consent")) {
      return consent;
    }
    return browser.submit(consent, "/consent", Map.of("action", "allow"));
  }

  /**
   * eid.mk at Most: its simulator's persona page, through SAML's form post. Chosen on the choice
   * page where there is one; a realm that takes Macedonian citizens only has no choice to make, and
   * Most goes straight to eid.mk.
   */
  private static WebClient.Page eidMkPicker(WebClient browser, WebClient.Page choose)
      throws Exception {
    WebClient.Page page =
        choose.hasForm("/method")
            ? browser.submit(choose, "/method", Map.of("method", "mk-eid", "action", "continue"))
            : choose;
    return page.hasForm("SingleSignOnService")
        ? browser.submit(page, "SingleSignOnService", Map.of())
        : page;
  }

  /** Logs in at the eid.mk simulator as {@code persona}; the answer posted back to Most. */
  private static WebClient.Page eidMkLogin(WebClient browser, WebClient.Page picker, String persona)
      throws Exception {
    WebClient.Page page =
        browser.submit(picker, "login", Map.of("persona", persona, "action", "login"));
    return page.hasForm("/callback/") ? browser.submit(page, "/callback/", Map.of()) : page;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> idTokenClaims(String code) throws Exception {
    return idTokenClaims("portal", code);
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
                            + "&client_secret=portal-secret"
                            + "&redirect_uri="
                            + URLEncoder.encode(RP_CALLBACK, StandardCharsets.UTF_8)
                            + "&code="
                            + URLEncoder.encode(code, StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
    String idToken = (String) JSON.readValue(tokens.body(), Map.class).get("id_token");
    return JSON.readValue(Base64.getUrlDecoder().decode(idToken.split("\\.", -1)[1]), Map.class);
  }

  /** The users holding {@code personIdentifier} in {@code most_person_identifier}. */
  private static List<Map<String, Object>> citizens(String personIdentifier) throws Exception {
    return users(
        "q="
            + URLEncoder.encode(
                "most_person_identifier:" + personIdentifier, StandardCharsets.UTF_8)
            + "&exact=true");
  }

  /** The attributes of the local user {@code username}, as an administrator sees them. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> attributesOf(String username) throws Exception {
    Object attributes = users("username=" + username + "&exact=true").get(0).get("attributes");
    return attributes == null ? Map.of() : (Map<String, Object>) attributes;
  }

  /** A password login of a local user at {@code client}: the token response. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> passwordLogin(String client, String user, String password)
      throws Exception {
    HttpResponse<String> tokens =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        keycloakBase + "/realms/" + REALM + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "grant_type=password&scope=openid&client_id="
                            + client
                            + "&client_secret=portal-secret&username="
                            + user
                            + "&password="
                            + password))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
    return JSON.readValue(tokens.body(), Map.class);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> claimsOf(String jwt) throws Exception {
    return JSON.readValue(Base64.getUrlDecoder().decode(jwt.split("\\.", -1)[1]), Map.class);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> users(String query) throws Exception {
    return JSON.readValue(admin("GET", "/" + REALM + "/users?" + query, null).body(), List.class);
  }

  @Test
  @Order(1)
  void anOrdinaryLocalUserCannotPutACitizensIdentifierOnTheirAccount() throws Exception {
    // Mallory, an ordinary local user, puts the identifier of a citizen who has never logged in
    // on her own account through the account REST API (the console uses the same).
    String token = (String) passwordLogin("portal", "mallory", "mallory-pw").get("access_token");
    HttpResponse<String> edit =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(keycloakBase + "/realms/" + REALM + "/account/"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        JSON.writeValueAsString(
                            Map.of(
                                "username", "mallory",
                                "firstName", "Mallory",
                                "lastName", "Local",
                                "email", "mallory@example.test",
                                "attributes",
                                    Map.of(
                                        "most_person_identifier", List.of(GJORGJI),
                                        "most_level_of_assurance",
                                            List.of("http://eidas.europa.eu/LoA/high"))))))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(edit.statusCode()).as(edit.body()).isNotEqualTo(500);
    assertThat(attributesOf("mallory"))
        .as("read-only for users: %s %s", edit.statusCode(), edit.body())
        .doesNotContainKeys("most_person_identifier", "most_level_of_assurance");
    assertThat(citizens(GJORGJI)).isEmpty();
  }

  @Test
  @Order(4)
  void aPasswordLoginCarriesNoCitizenIdentity() throws Exception {
    // Ljubica's local account holds her person identifier (set by an administrator, and she
    // logged in through Most before); a login with her password proves nothing about it.
    Map<String, Object> tokens = passwordLogin("portal", "ljubica.local", "ljubica-pw");

    for (String token : List.of("id_token", "access_token")) {
      assertThat(claimsOf((String) tokens.get(token)))
          .as(token)
          .containsEntry("preferred_username", "ljubica.local")
          .doesNotContainKeys(
              "person_identifier",
              "eidas_level_of_assurance",
              "origin_country",
              "given_name#native",
              "verified_claims");
    }
  }

  @Test
  @Order(6)
  void aStepUpWhoseLevelWasLoweredOnTheWayToMostIsRefused() throws Exception {
    WebClient browser = new WebClient(RP_CALLBACK, mostBase + "/authorize");
    WebClient.Page toMost =
        browser.get(
            keycloakBase
                + "/realms/"
                + REALM
                + "/protocol/openid-connect/auth?client_id=high-portal&response_type=code"
                + "&scope=openid&redirect_uri="
                + URLEncoder.encode(RP_CALLBACK, StandardCharsets.UTF_8));
    String asked = toMost.uri().toString();
    assertThat(asked).contains("acr_values=http%3A%2F%2Feidas.europa.eu%2FLoA%2Fhigh");

    // The citizen's browser asks Most for substantial instead of high.
    WebClient.Page choose = browser.get(asked.replace("LoA%2Fhigh", "LoA%2Fsubstantial"));
    WebClient.Page picker = eidMkPicker(browser, choose);
    WebClient.Page consent = eidMkLogin(browser, picker, "mk-ljubica");
    WebClient.Page back = browser.submit(consent, "/consent", Map.of("action", "allow"));

    assertThat(back.uri().toString()).as(back.body()).doesNotStartWith(RP_CALLBACK);
    assertThat(back.status()).isEqualTo(403);
    assertThat(back.body()).contains("did not reach the level of assurance");
  }

  @Test
  @Order(7)
  @SuppressWarnings("unchecked")
  void aMisspeltMinimumLevelCannotBeSaved() throws Exception {
    Map<String, Object> provider =
        JSON.readValue(
            admin("GET", "/" + REALM + "/identity-provider/instances/most", null).body(),
            Map.class);
    ((Map<String, Object>) provider.get("config")).put("mostMinimumLevel", "substantal");

    HttpResponse<String> saved =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        keycloakBase
                            + "/admin/realms/"
                            + REALM
                            + "/identity-provider/instances/most"))
                .header("Authorization", "Bearer " + adminToken())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(provider)))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(400);
    assertThat(saved.body()).contains("low, substantial or high");
  }

  @Test
  @Order(8)
  @SuppressWarnings("unchecked")
  void aRealmWhoseUsersCanEditMostsAttributesIsRefused() throws Exception {
    Map<String, Object> profile = secureProfile();
    profile.put("unmanagedAttributePolicy", "ENABLED");
    ((List<Map<String, Object>>) profile.get("attributes"))
        .removeIf(a -> "most_person_identifier".equals(a.get("name")));
    admin("PUT", "/" + REALM + "/users/profile", profile);
    WebClient.Page refused;
    try {
      refused = login(new WebClient(RP_CALLBACK), "mk-gjorgji");
    } finally {
      admin("PUT", "/" + REALM + "/users/profile", secureProfile());
    }

    assertThat(refused.uri().toString()).as(refused.body()).doesNotStartWith(RP_CALLBACK);
    assertThat(refused.body()).contains("until its administrator corrects its set-up");
    assertThat(Files.readString(WORK.resolve("keycloak.log")))
        .contains("users can edit the attributes [most_person_identifier]");
  }

  @Test
  @Order(10)
  @SuppressWarnings("unchecked")
  void anotherProviderClaimingAPersonIdentifierLinksNothing() throws Exception {
    // An OpenID provider the attacker controls (here: another realm of this Keycloak) asserts
    // Ljubica's person identifier for its own user, and the realm's administrator gave it the
    // same first login flow and a Most attribute mapper.
    admin("POST", "", Map.of("realm", "elsewhere", "enabled", true));
    String brokerCallback = keycloakBase + "/realms/" + REALM + "/broker/elsewhere/endpoint";
    admin(
        "POST",
        "/elsewhere/clients",
        Map.of(
            "clientId",
            "cross-border-broker",
            "publicClient",
            false,
            "secret",
            "elsewhere-secret",
            "redirectUris",
            List.of(brokerCallback),
            "standardFlowEnabled",
            true,
            "protocolMappers",
            List.of(
                Map.of(
                    "name", "person identifier",
                    "protocol", "openid-connect",
                    "protocolMapper", "oidc-hardcoded-claim-mapper",
                    "config",
                        Map.of(
                            "claim.name", "person_identifier",
                            "claim.value", "MK/BG/0309001416228",
                            "jsonType.label", "String",
                            "id.token.claim", "true",
                            "access.token.claim", "true",
                            "userinfo.token.claim", "true")))));
    admin(
        "POST",
        "/elsewhere/users",
        Map.of(
            "username", "eve",
            "enabled", true,
            "firstName", "Eve",
            "lastName", "Elsewhere",
            "email", "eve@example.test",
            "emailVerified", true,
            "credentials",
                List.of(Map.of("type", "password", "value", "eve-pw", "temporary", false))));
    String elsewhere = keycloakBase + "/realms/elsewhere/protocol/openid-connect";
    Map<String, Object> provider = new LinkedHashMap<>();
    provider.put("alias", "elsewhere");
    provider.put("providerId", "oidc");
    provider.put("enabled", true);
    provider.put("firstBrokerLoginFlowAlias", "most-first-login");
    provider.put(
        "config",
        Map.of(
            "authorizationUrl", elsewhere + "/auth",
            "tokenUrl", elsewhere + "/token",
            "clientId", "cross-border-broker",
            "clientSecret", "elsewhere-secret",
            "clientAuthMethod", "client_secret_post",
            "defaultScope", "openid",
            "syncMode", "FORCE",
            "validateSignature", "false"));
    admin("POST", "/" + REALM + "/identity-provider/instances", provider);
    admin(
        "POST",
        "/" + REALM + "/identity-provider/instances/elsewhere/mappers",
        Map.of(
            "name", "person identifier",
            "identityProviderAlias", "elsewhere",
            "identityProviderMapper", "most-attribute-mapper",
            "config",
                Map.of(
                    "syncMode", "INHERIT",
                    "most.attribute", "PERSON_IDENTIFIER",
                    "user.attribute", "most_person_identifier")));

    WebClient browser = new WebClient(RP_CALLBACK);
    WebClient.Page form =
        browser.get(
            keycloakBase
                + "/realms/"
                + REALM
                + "/protocol/openid-connect/auth?client_id=portal&response_type=code&scope=openid"
                + "&kc_idp_hint=elsewhere&redirect_uri="
                + URLEncoder.encode(RP_CALLBACK, StandardCharsets.UTF_8));
    WebClient.Page back =
        browser.submit(
            form, "login-actions/authenticate", Map.of("username", "eve", "password", "eve-pw"));

    assertThat(back.uri().toString()).as(back.body()).startsWith(RP_CALLBACK + "?");
    Map<String, Object> claims = idTokenClaims(back.query().get("code"));
    assertThat(claims.get("preferred_username"))
        .as("not linked into the account of the person the provider named")
        .isNotEqualTo("ljubica.local");
    assertThat(claims).doesNotContainKey("person_identifier");
    assertThat(citizens("MK/BG/0309001416228"))
        .as("the Most attribute mapper wrote nothing for another provider")
        .hasSize(1)
        .allMatch(user -> "ljubica.local".equals(user.get("username")));
  }

  @Test
  @Order(11)
  void aStepUpTakenThroughAnotherProviderIsRefused() throws Exception {
    // The step-up's redirect names Most; the browser names the other provider instead (Keycloak
    // accepts the login's session code at any provider), where Eve has a password.
    String mostBroker = keycloakBase + "/realms/" + REALM + "/broker/most/login";
    WebClient browser = new WebClient(RP_CALLBACK, mostBroker);
    WebClient.Page toMost =
        browser.get(
            keycloakBase
                + "/realms/"
                + REALM
                + "/protocol/openid-connect/auth?client_id=high-portal&response_type=code"
                + "&scope=openid&redirect_uri="
                + URLEncoder.encode(RP_CALLBACK, StandardCharsets.UTF_8));
    assertThat(toMost.uri().toString()).startsWith(mostBroker);

    WebClient.Page form =
        browser.get(
            toMost.uri().toString().replace("/broker/most/login", "/broker/elsewhere/login"));
    WebClient.Page back =
        browser.submit(
            form, "login-actions/authenticate", Map.of("username", "eve", "password", "eve-pw"));

    assertThat(back.uri().toString()).as(back.body()).doesNotStartWith(RP_CALLBACK);
    assertThat(back.status()).isEqualTo(403);
    assertThat(back.body()).contains("did not reach the level of assurance");
  }

  @Test
  @Order(0)
  void theJarHoldsOnlyMostsClassesAndItsResources() throws Exception {
    try (java.util.zip.ZipFile jar =
        new java.util.zip.ZipFile(System.getProperty("most.extension.jar"))) {
      List<String> classes =
          jar.stream()
              .map(java.util.zip.ZipEntry::getName)
              .filter(name -> name.endsWith(".class"))
              .toList();
      assertThat(classes).isNotEmpty().allMatch(name -> name.startsWith("eu/mostbridge/keycloak/"));
      assertThat(
              jar.getEntry(
                  "META-INF/services/org.keycloak.broker.provider.IdentityProviderFactory"))
          .isNotNull();
      assertThat(jar.getEntry("theme-resources/messages/messages_mk.properties")).isNotNull();
    }
  }

  @Test
  @Order(2)
  @SuppressWarnings("unchecked")
  void aMacedonianCitizenLogsInAndBecomesAUserWithTheMappedAttributes() throws Exception {
    WebClient.Page back = login(new WebClient(RP_CALLBACK), "mk-gjorgji");

    assertThat(back.uri().toString()).as(back.body()).startsWith(RP_CALLBACK + "?");
    Map<String, Object> claims = idTokenClaims(back.query().get("code"));
    assertThat(claims)
        .containsEntry("person_identifier", "MK/BG/1205990451235")
        .containsEntry("origin_country", "MK")
        .containsEntry("given_name#native", "Ѓорѓи")
        .containsEntry("eidas_level_of_assurance", "http://eidas.europa.eu/LoA/substantial")
        .containsEntry("given_name", "Gjorgji");

    List<Map<String, Object>> users = citizens(GJORGJI);
    assertThat(users).hasSize(1);
    assertThat(users.get(0).get("username").toString())
        .as("a pseudonym: no national number in preferred_username, events or pages")
        .matches("most-[0-9a-f]{32}");
    assertThat(claims.get("preferred_username").toString()).doesNotContain("1205990451235");
    Map<String, List<String>> attributes =
        (Map<String, List<String>>) users.get(0).get("attributes");
    assertThat(attributes.get("most_person_identifier")).containsExactly(GJORGJI);
    assertThat(attributes.get("most_birthdate")).containsExactly("1990-05-12");
    assertThat(attributesOf("mallory"))
        .as("the citizen's login did not land in the account that claimed his identifier")
        .doesNotContainKey("most_person_identifier");
  }

  @Test
  @Order(3)
  void theFirstLoginLinksAnExistingUserByPersonIdentifier() throws Exception {
    WebClient.Page back = login(new WebClient(RP_CALLBACK), "mk-ljubica");

    assertThat(back.uri().toString()).as(back.body()).startsWith(RP_CALLBACK + "?");
    Map<String, Object> claims = idTokenClaims(back.query().get("code"));
    assertThat(claims).containsEntry("preferred_username", "ljubica.local");
    assertThat(citizens("MK/BG/0309001416228"))
        .as("no second user was made")
        .hasSize(1)
        .allMatch(user -> "ljubica.local".equals(user.get("username")));
  }

  @Test
  @Order(5)
  void aFlowRequiringHighStepsUpThroughMostAndThenPassesTheSession() throws Exception {
    WebClient browser = new WebClient(RP_CALLBACK);
    WebClient.Page first = login(browser, "mk-gjorgji");
    assertThat(idTokenClaims(first.query().get("code")))
        .containsEntry("eidas_level_of_assurance", "http://eidas.europa.eu/LoA/substantial");

    // The same browser at a client whose flow requires high: Most again, asked for high.
    String highPortal =
        keycloakBase
            + "/realms/"
            + REALM
            + "/protocol/openid-connect/auth?client_id=high-portal&response_type=code&scope=openid"
            + "&redirect_uri="
            + URLEncoder.encode(RP_CALLBACK, StandardCharsets.UTF_8);
    WebClient.Page choose = browser.get(highPortal);
    assertThat(choose.uri().toString()).as(choose.body()).startsWith(mostBase + "/login/");
    WebClient.Page picker = eidMkPicker(browser, choose);
    assertThat(picker.body())
        .as("only personas reaching high are offered")
        .contains("mk-gjorgji")
        .doesNotContain("mk-ljubica");
    WebClient.Page consent = eidMkLogin(browser, picker, "mk-gjorgji");
    WebClient.Page stepped = browser.submit(consent, "/consent", Map.of("action", "allow"));
    assertThat(stepped.uri().toString()).as(stepped.body()).startsWith(RP_CALLBACK + "?");
    Map<String, Object> steppedUp = idTokenClaims("high-portal", stepped.query().get("code"));
    assertThat(steppedUp)
        .containsEntry("person_identifier", "MK/BG/1205990451235")
        .containsEntry("eidas_level_of_assurance", "http://eidas.europa.eu/LoA/high");

    // Now the session is high: the next login at that client passes without Most, and keeps
    // the session's authentication time.
    Thread.sleep(1100);
    WebClient.Page again = browser.get(highPortal);
    assertThat(again.uri().toString()).startsWith(RP_CALLBACK + "?");
    Map<String, Object> passed = idTokenClaims("high-portal", again.query().get("code"));
    assertThat(passed.get("auth_time")).isEqualTo(steppedUp.get("auth_time"));

    // Unless the client asks for a fresh login, or one younger than the session's.
    for (String fresh : List.of("&prompt=login", "&max_age=0")) {
      Thread.sleep(1100);
      WebClient.Page toMost = browser.get(highPortal + fresh);
      assertThat(toMost.uri().toString()).as(fresh).startsWith(mostBase + "/login/");
    }
  }

  @Test
  @Order(9)
  void theRealmsMinimumLevelRefusesALowerLogin() throws Exception {
    @SuppressWarnings("unchecked")
    Map<String, Object> provider =
        JSON.readValue(
            admin("GET", "/" + REALM + "/identity-provider/instances/most", null).body(),
            Map.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> config = (Map<String, Object>) provider.get("config");
    config.put("mostMinimumLevel", "high");
    admin("PUT", "/" + REALM + "/identity-provider/instances/most", provider);

    // The realm asks for high, and the request carries it through Most to eid.mk, which refuses a
    // citizen whose eID reaches only low: the login stops there, before any answer exists.
    WebClient.Page refused = login(new WebClient(RP_CALLBACK), "mk-dzvezdan");

    assertThat(refused.uri().getPath()).as(refused.body()).isEqualTo("/sim/eid-mk/login");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body()).contains("Choose a persona who reaches the requested level");
    assertThat(citizens("MK/BG/2802955490777")).isEmpty();
  }

  @Test
  @Order(11)
  @SuppressWarnings("unchecked")
  void keycloaksOwnSamlIdentityProviderOnMostsEidasFaceMakesAUser() throws Exception {
    awaitInMostsLog(
        "most.eidas.connectors.keycloak: its metadata is read; the connector is trusted");
    WebClient browser = new WebClient(RP_CALLBACK);
    WebClient.Page toMost =
        browser.get(
            keycloakBase
                + "/realms/"
                + REALM
                + "/protocol/openid-connect/auth?client_id=portal&response_type=code&scope=openid"
                + "&kc_idp_hint="
                + SAML_ALIAS
                + "&redirect_uri="
                + URLEncoder.encode(RP_CALLBACK, StandardCharsets.UTF_8));
    // Keycloak's page posts its signed AuthnRequest; Most posts it again from its own origin.
    WebClient.Page resubmit = browser.submit(toMost, "/eidas/mk/sso", Map.of());
    WebClient.Page start = browser.submit(resubmit, "/eidas/mk/sso", Map.of());
    WebClient.Page consent = eidMkLogin(browser, eidMkPicker(browser, start), "mk-gjorgji");
    assertThat(consent.body()).as(consent.uri().toString()).contains("Bulgarian municipality");
    WebClient.Page toKeycloak = browser.submit(consent, "/consent", Map.of("action", "allow"));
    WebClient.Page back =
        browser.submit(toKeycloak, "/broker/" + SAML_ALIAS + "/endpoint", Map.of());

    assertThat(back.uri().toString()).as(back.body()).startsWith(RP_CALLBACK + "?");
    Map<String, Object> claims = idTokenClaims(back.query().get("code"));
    // Keycloak verified Most's ECDSA signatures, decrypted the AES-256-GCM assertion (RSA-OAEP
    // with MGF1-SHA256) and mapped the eIDAS attributes: the Latin value of each name first.
    assertThat(claims)
        .containsEntry("given_name", "Gjorgji")
        .containsEntry("family_name", "Djambazovski");
    Map<String, Object> user =
        users(
                "username="
                    + URLEncoder.encode(
                        claims.get("preferred_username").toString(), StandardCharsets.UTF_8)
                    + "&exact=true")
            .get(0);
    List<Map<String, Object>> links =
        JSON.readValue(
            admin("GET", "/" + REALM + "/users/" + user.get("id") + "/federated-identity", null)
                .body(),
            List.class);
    assertThat(links).hasSize(1);
    assertThat(links.get(0)).containsEntry("identityProvider", SAML_ALIAS);
    assertThat(links.get(0).get("userId").toString())
        .as("the eIDAS PersonIdentifier: pseudonymous for this realm, never the EMBG")
        .startsWith("MK/BG/p1.")
        .doesNotContain("1205990451235");
    assertThat(((Map<String, List<String>>) user.get("attributes")).get("most_birthdate"))
        .containsExactly("1990-05-12");
    assertThat(Files.readString(WORK.resolve("most.log")))
        .contains("\"event\":\"eidas.answer.sent\"")
        .contains("NotNotified/LoA/low");
  }

  /** Waits until Most's log says {@code line}: Most reads the realm's metadata every 2 s. */
  private static void awaitInMostsLog(String line) throws Exception {
    Instant until = Instant.now().plusSeconds(30);
    while (!Files.readString(WORK.resolve("most.log")).contains(line)) {
      if (Instant.now().isAfter(until)) {
        throw new AssertionError("Most never logged: " + line);
      }
      Thread.sleep(250);
    }
  }
}
