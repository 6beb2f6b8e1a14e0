package eu.mostbridge.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import eu.mostbridge.bench.load.VirtualBrowser.LoginFailed;
import eu.mostbridge.bench.load.VirtualBrowser.Page;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real Keycloak distribution (unpacked by this module's build) in production mode ({@code
 * start}, themes cached, local caches, its file database), brokering the same eid.mk simulator with
 * its own OpenID Connect identity provider: a realm, a confidential client like Most's, first login
 * creating the user, and {@code kc_idp_hint} so that the citizen goes straight to eid.mk as with
 * Most's single eID for the country.
 */
final class KeycloakUnderTest {
  static final String REALM = "bench";
  static final String IDP = "mk-eid";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  final ServerProcess process;
  final URI base;
  final Duration ready;

  private KeycloakUnderTest(ServerProcess process, URI base, Duration ready) {
    this.process = process;
    this.base = base;
    this.ready = ready;
  }

  static String callback(URI base) {
    return base + "/realms/" + REALM + "/broker/" + IDP + "/endpoint";
  }

  static KeycloakUnderTest start(Path home, Path work, int port, String cpus, String heap)
      throws Exception {
    deleteTree(home.resolve("data")); // a fresh database every run
    home.resolve("bin/kc.sh").toFile().setExecutable(true);
    int managementPort = ServerProcess.freePort(port);
    List<String> command =
        List.of(
            home.resolve("bin/kc.sh").toString(),
            "start",
            "--db=dev-file",
            "--http-enabled=true",
            "--http-host=127.0.0.1",
            "--http-port=" + port,
            "--http-management-port=" + managementPort,
            "--hostname=http://localhost:" + port,
            "--cache=local",
            "--health-enabled=true");
    Map<String, String> environment =
        Map.of(
            "KC_BOOTSTRAP_ADMIN_USERNAME",
            "admin",
            "KC_BOOTSTRAP_ADMIN_PASSWORD",
            "admin",
            "JAVA_HOME",
            System.getProperty("java.home"),
            "JAVA_OPTS_KC_HEAP",
            "-Xms" + heap + " -Xmx" + heap);
    long start = System.nanoTime();
    ServerProcess process =
        ServerProcess.start("Keycloak", command, environment, cpus, work.resolve("keycloak.log"));
    URI base = URI.create("http://localhost:" + port);
    process.awaitOk(
        URI.create("http://127.0.0.1:" + managementPort + "/health/ready"), Duration.ofMinutes(5));
    return new KeycloakUnderTest(process, base, Duration.ofNanos(System.nanoTime() - start));
  }

  private static void deleteTree(Path root) throws IOException {
    if (Files.exists(root)) {
      try (var paths = Files.walk(root)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
  }

  // --- configuration through the admin REST API ------------------------------------------------

  private String adminToken() throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(base + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "grant_type=password&client_id=admin-cli&username=admin&password=admin"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return (String) JSON.readValue(response.body(), Map.class).get("access_token");
  }

  private String admin(String token, String method, String path, Object body) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + "/admin/realms" + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(
                    method,
                    body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(
          method + " " + path + ": " + response.statusCode() + " " + response.body());
    }
    return response.body();
  }

  /** The realm, its first-login flow, the eid.mk identity provider and the relying party. */
  @SuppressWarnings("unchecked")
  void configure(URI nationalIssuer, String nationalSecret) throws Exception {
    String token = adminToken();
    admin(token, "POST", "", Map.of("realm", REALM, "enabled", true));

    // eid.mk sends no e-mail: not required, so first login asks nothing.
    Map<String, Object> profile =
        JSON.readValue(admin(token, "GET", "/" + REALM + "/users/profile", null), Map.class);
    profile.put("unmanagedAttributePolicy", "ENABLED");
    for (Map<String, Object> attribute : (List<Map<String, Object>>) profile.get("attributes")) {
      if (List.of("email", "firstName", "lastName").contains(attribute.get("name"))) {
        attribute.remove("required");
      }
    }
    admin(token, "PUT", "/" + REALM + "/users/profile", profile);

    admin(
        token,
        "POST",
        "/" + REALM + "/authentication/flows",
        Map.of(
            "alias",
            "bench-first-login",
            "providerId",
            "basic-flow",
            "topLevel",
            true,
            "builtIn",
            false));
    admin(
        token,
        "POST",
        "/" + REALM + "/authentication/flows/bench-first-login/executions/execution",
        Map.of("provider", "idp-create-user-if-unique"));
    List<Map<String, Object>> executions =
        JSON.readValue(
            admin(
                token,
                "GET",
                "/" + REALM + "/authentication/flows/bench-first-login/executions",
                null),
            List.class);
    for (Map<String, Object> execution : executions) {
      execution.put("requirement", "ALTERNATIVE");
      admin(
          token,
          "PUT",
          "/" + REALM + "/authentication/flows/bench-first-login/executions",
          execution);
    }

    Map<String, Object> config =
        JSON.readValue(
            admin(
                token,
                "POST",
                "/" + REALM + "/identity-provider/import-config",
                Map.of(
                    "providerId",
                    "oidc",
                    "fromUrl",
                    nationalIssuer + "/.well-known/openid-configuration")),
            Map.class);
    config.put("clientId", "keycloak");
    config.put("clientSecret", nationalSecret);
    config.put("clientAuthMethod", "client_secret_basic");
    config.put("pkceEnabled", "true");
    config.put("pkceMethod", "S256");
    config.put("validateSignature", "true");
    config.put("useJwksUrl", "true");
    config.put("syncMode", "IMPORT");
    config.put("defaultScope", "openid");
    Map<String, Object> provider = new LinkedHashMap<>();
    provider.put("alias", IDP);
    provider.put("providerId", "oidc");
    provider.put("enabled", true);
    provider.put("firstBrokerLoginFlowAlias", "bench-first-login");
    provider.put("config", config);
    admin(token, "POST", "/" + REALM + "/identity-provider/instances", provider);

    Map<String, Object> client = new LinkedHashMap<>();
    client.put("clientId", Logins.CLIENT);
    client.put("secret", Logins.CLIENT_SECRET);
    client.put("publicClient", false);
    client.put("standardFlowEnabled", true);
    client.put("directAccessGrantsEnabled", false);
    client.put("redirectUris", List.of(Logins.RP_REDIRECT));
    client.put("attributes", Map.of("pkce.code.challenge.method", "S256"));
    admin(token, "POST", "/" + REALM + "/clients", client);
  }

  KeycloakLogins logins() {
    return new KeycloakLogins(base);
  }

  /** A login through Keycloak: kc_idp_hint straight to eid.mk, back, first-login, code, tokens. */
  static final class KeycloakLogins extends Logins {
    private final URI base;
    private final String oidc;

    KeycloakLogins(URI base) {
      this.base = base;
      this.oidc = base + "/realms/" + REALM + "/protocol/openid-connect";
    }

    @Override
    String system() {
      return "Keycloak";
    }

    @Override
    List<String> serverLegs() {
      return List.of("authorize", "callback", "token", "userinfo");
    }

    private Page toNationalEid(
        VirtualBrowser browser, String state, String nonce, String verifier) {
      Map<String, String> parameters = authorization(state, nonce, verifier);
      parameters.put("kc_idp_hint", IDP);
      Page sent =
          follow(
              browser,
              browser.get(
                  "authorize", URI.create(oidc + "/auth?" + VirtualBrowser.form(parameters))),
              base.getAuthority()::equals,
              uri -> "authorize");
      if (sent.location() == null) {
        throw new LoginFailed("authorize: " + sent.status() + " " + trim(sent.body()));
      }
      return sent;
    }

    @Override
    void startOnly(VirtualBrowser browser) {
      toNationalEid(browser, random(), random(), random());
    }

    @Override
    void login(VirtualBrowser browser, String persona) {
      String state = random();
      String nonce = random();
      String verifier = random() + random();
      Page sent = toNationalEid(browser, state, nonce, verifier);
      URI back = atNationalEid(browser, sent.next(), persona);
      Page atRp =
          follow(
              browser,
              browser.get("callback", back),
              base.getAuthority()::equals,
              uri -> "callback");
      redeem(
          browser,
          URI.create(oidc + "/token"),
          URI.create(oidc + "/userinfo"),
          code(atRp, state),
          verifier,
          nonce);
    }
  }
}
