package eu.mostbridge.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import eu.mostbridge.broker.login.Browser;
import eu.mostbridge.broker.login.StartedLogin;
import eu.mostbridge.simulator.Personas;
import eu.mostbridge.simulator.SimulatorKeys;
import eu.mostbridge.simulator.http.SimulatorServer;
import eu.mostbridge.simulator.oidc.OidcSimulator;
import eu.mostbridge.simulator.oidc.OidcSimulatorSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three replicas of the packaged broker, in production configuration ({@code most.state.mode=
 * cluster}, JGroups TCPPING on 127.0.0.1 over mutually authenticated TLS), behind a TLS load
 * balancer without session affinity, with eid.mk's simulator as the national eID. Logins move
 * between replicas, one replica dies by SIGKILL in the middle of a login, and a replica rejoins and
 * takes over the state.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
  private static final String CLIENT = "bg-municipality";
  private static final String SECRET = "cluster-test-secret";
  private static final String REDIRECT = "https://obshtina.bg.test/callback";
  private static final Duration START = Duration.ofSeconds(90);

  private static final List<BrokerNode> nodes = new ArrayList<>();
  private static SimulatorServer simulator;
  private static LoadBalancer balancer;
  private static SSLContext trust;
  private static Map<String, String> settings;
  private static JWKSet signingKeys;
  private static BrokerNode a;
  private static BrokerNode b;
  private static BrokerNode c;

  @BeforeAll
  static void cluster() throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "cluster-it"));
    SimulatorKeys tlsKey = SimulatorKeys.ec("localhost");
    trust = trusting(tlsKey);
    a = new BrokerNode("node-a", dir);
    b = new BrokerNode("node-b", dir);
    c = new BrokerNode("node-c", dir);
    nodes.addAll(List.of(a, b, c));
    balancer = new LoadBalancer(serving(tlsKey), nodes);
    URI issuer = balancer.issuer();

    simulator = SimulatorServer.onLoopback(0);
    int simulatorPort = simulator.baseUri().getPort();
    URI eidMk = URI.create("http://localhost:" + simulatorPort + "/eid-mk");
    simulator
        .mount(
            "/eid-mk",
            new OidcSimulator(
                eidMk,
                OidcSimulatorSettings.eidMk("most", "national-secret", issuer + "/callback/mk-eid"),
                Personas.defaults()))
        .start();

    signingKeys =
        new JWKSet(
            List.of(
                new RSAKeyGenerator(2048)
                    .keyID("cluster-rsa")
                    .algorithm(JWSAlgorithm.RS256)
                    .generate(),
                new ECKeyGenerator(Curve.P_256)
                    .keyID("cluster-1")
                    .algorithm(JWSAlgorithm.ES256)
                    .generate()));
    Path keys = dir.resolve("signing-keys.json");
    Files.writeString(keys, signingKeys.toString(false));
    Path clients = dir.resolve("clients.yaml");
    Files.writeString(
        clients,
        """
        clients:
          - id: %s
            names: {bg: "Община (тест)", mk: "Општина (тест)", en: "Municipality (test)"}
            redirectUris: [%s]
            secretHash: "%s"
            allowedCountries: [MK]
            identifierPolicy: NATIONAL_NUMBER
        """
            .formatted(CLIENT, REDIRECT, eu.mostbridge.broker.client.ClientFile.secretHash(SECRET)),
        StandardCharsets.UTF_8);

    List<String> hosts = nodes.stream().map(BrokerNode::jgroupsAddress).toList();
    settings = new LinkedHashMap<>();
    settings.put("most.issuer", issuer.toString());
    settings.put("most.signing.keys-file", keys.toAbsolutePath().toString());
    settings.put("most.clients-file", clients.toAbsolutePath().toString());
    settings.put("most.secrets.pairwise-key", randomKey());
    settings.put("most.secrets.pseudonym-key", randomKey());
    settings.put("most.national.mk-eid.binding", "OIDC");
    settings.put("most.national.mk-eid.oidc.issuer", eidMk.toString());
    settings.put("most.national.mk-eid.oidc.client-id", "most");
    settings.put("most.national.mk-eid.oidc.client-secret", "national-secret");
    settings.put("most.state.mode", "cluster");
    settings.put("most.state.cluster.discovery", "tcpping");
    settings.put("most.state.cluster.bind-address", "127.0.0.1");
    settings.put("most.state.cluster.initial-hosts", String.join(",", hosts));
    settings.put("most.state.cluster.name", "most-it-" + UUID.randomUUID());
    SimulatorKeys clusterKey = SimulatorKeys.ec("most-cluster");
    settings.putAll(clusterTls(dir, "cluster", clusterKey, clusterKey));
    settings.put("quarkus.log.console.json.enabled", "false");

    for (BrokerNode node : nodes) {
      node.start(settings);
    }
    for (BrokerNode node : nodes) {
      node.awaitReady(3, START);
    }
  }

  @AfterAll
  static void stopAll() throws Exception {
    for (BrokerNode node : nodes) {
      node.stop();
    }
    if (balancer != null) {
      balancer.close();
    }
    if (simulator != null) {
      simulator.close();
    }
  }

  private static StartedLogin authorize() throws Exception {
    StartedLogin login =
        StartedLogin.begin(
            new Browser(trust), balancer.issuer().toString(), CLIENT, REDIRECT, Map.of());
    assertThat(login.page().status()).as(login.page().body()).isEqualTo(200);
    return login;
  }

  /** Chooses eid.mk and is sent to its simulator (the login now waits for the national answer). */
  private static Browser.Page toNationalEid(StartedLogin login) throws Exception {
    Browser.Page page = login.browser().choose(login.page(), "mk-eid");
    assertThat(page.body()).as(page.body()).contains("SIMULATOR");
    return page;
  }

  /** Logs in as a persona at the simulator, is sent back to Most, and consents. */
  private static Map<String, String> finish(StartedLogin login, Browser.Page atSimulator)
      throws Exception {
    Browser.Page consent =
        login
            .browser()
            .submit(atSimulator, "login", Map.of("persona", "mk-ljubica", "action", "login"));
    assertThat(consent.status()).as(consent.body()).isEqualTo(200);
    Browser.Page back = login.browser().submit(consent, "/consent", Map.of("action", "allow"));
    assertThat(back.uri().toString()).as(back.body()).startsWith(REDIRECT + "?");
    assertThat(back.query()).containsEntry("state", login.state());
    return back.query();
  }

  private static HttpResponse<String> redeem(String code, StartedLogin login) throws Exception {
    String form =
        "grant_type=authorization_code&code="
            + code
            + "&redirect_uri="
            + java.net.URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)
            + "&code_verifier="
            + login.verifier();
    return HttpClient.newBuilder()
        .sslContext(trust)
        .build()
        .send(
            HttpRequest.newBuilder(URI.create(balancer.issuer() + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header(
                    "Authorization",
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString(
                                (CLIENT + ":" + SECRET).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static JWTClaimsSet idToken(HttpResponse<String> tokens, StartedLogin login)
      throws Exception {
    assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
    String idToken =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(tokens.body())
            .get("id_token")
            .asText();
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(
        new JWSVerificationKeySelector<>(
            JWSAlgorithm.RS256, new ImmutableJWKSet<>(signingKeys.toPublicJWKSet())));
    JWTClaimsSet claims = processor.process(idToken, null);
    assertThat(claims.getIssuer()).isEqualTo(balancer.issuer().toString());
    assertThat(claims.getStringClaim("nonce")).isEqualTo(login.nonce());
    return claims;
  }

  @Test
  @Order(1)
  void everyRequestOfALoginMayLandOnAnotherReplica() throws Exception {
    balancer.roundRobin();
    balancer.servedAndReset();
    StartedLogin login = authorize();
    Map<String, String> answer = finish(login, toNationalEid(login));
    JWTClaimsSet claims = idToken(redeem(answer.get("code"), login), login);

    assertThat(claims.getStringClaim("person_identifier")).startsWith("MK/BG/");
    assertThat(balancer.servedAndReset())
        .as("the login's requests went to every replica in turn")
        .containsOnlyKeys("node-a", "node-b", "node-c");
  }

  @Test
  @Order(1)
  void overHttpsTheBrowserCookieIsHostPrefixedSecureHttpOnlyAndLaxAndHstsIsSent() throws Exception {
    HttpResponse<String> authorize =
        HttpClient.newBuilder()
            .sslContext(trust)
            .build()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            balancer.issuer()
                                + "/authorize?client_id="
                                + CLIENT
                                + "&response_type=code&scope=openid&state=s&nonce=n"
                                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
                                + "&code_challenge_method=S256&redirect_uri="
                                + java.net.URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(authorize.statusCode()).isEqualTo(303);
    assertThat(authorize.headers().allValues("Set-Cookie"))
        .singleElement()
        .asString()
        .startsWith("__Host-most_browser=")
        .contains("Secure")
        .contains("HttpOnly")
        .containsIgnoringCase("SameSite=Lax");
    assertThat(authorize.headers().firstValue("Strict-Transport-Security"))
        .contains("max-age=31536000");
  }

  @Test
  @Order(2)
  void aLoginStartedOnOneReplicaCompletesOnAnother() throws Exception {
    balancer.pin(a);
    StartedLogin login = authorize();
    Browser.Page atSimulator = toNationalEid(login);
    balancer.pin(b);
    Map<String, String> answer = finish(login, atSimulator);
    balancer.pin(c);
    idToken(redeem(answer.get("code"), login), login);
    balancer.roundRobin();
  }

  @Test
  @Order(3)
  void aCodeRedeemedOnOneReplicaCannotBeRedeemedOnAnother() throws Exception {
    balancer.roundRobin();
    StartedLogin login = authorize();
    String code = finish(login, toNationalEid(login)).get("code");

    balancer.pin(a);
    idToken(redeem(code, login), login);
    balancer.pin(b);
    HttpResponse<String> again = redeem(code, login);
    balancer.roundRobin();

    assertThat(again.statusCode()).isEqualTo(400);
    assertThat(again.body()).contains("invalid_grant");
  }

  @Test
  @Order(4)
  void ofConcurrentRedemptionsOnEveryReplicaExactlyOneSucceeds() throws Exception {
    balancer.roundRobin();
    StartedLogin login = authorize();
    String code = finish(login, toNationalEid(login)).get("code");

    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Callable<HttpResponse<String>>> attempts = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        attempts.add(() -> redeem(code, login)); // round robin: two on each replica
      }
      int succeeded = 0;
      for (Future<HttpResponse<String>> attempt : pool.invokeAll(attempts)) {
        HttpResponse<String> response = attempt.get();
        assertThat(response.statusCode()).as(response.body()).isIn(200, 400);
        succeeded += response.statusCode() == 200 ? 1 : 0;
      }
      assertThat(succeeded).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @Order(5)
  void aLoginSurvivesTheSigkillOfTheReplicaItStartedOn() throws Exception {
    balancer.pin(a);
    StartedLogin login = authorize();
    Browser.Page atSimulator = toNationalEid(login);

    a.kill();
    b.awaitReady(2, START);
    c.awaitReady(2, START);
    balancer.roundRobin();
    balancer.servedAndReset();
    Map<String, String> answer = finish(login, atSimulator);
    idToken(redeem(answer.get("code"), login), login);

    assertThat(balancer.servedAndReset()).containsOnlyKeys("node-b", "node-c");
  }

  @Test
  @Order(6)
  void aReplicaThatRejoinsReceivesTheStateAndCanServeAlone() throws Exception {
    assertThat(a.alive()).isFalse();
    balancer.pin(b);
    StartedLogin login = authorize();
    Browser.Page atSimulator = toNationalEid(login);

    a.start(settings);
    a.awaitReady(3, START);
    // Both replicas that held the login leave, one after the other, cleanly: the login lives on
    // only if the rejoined replica received it.
    b.stop();
    a.awaitReady(2, START);
    c.stop();
    a.awaitReady(1, START);

    balancer.roundRobin();
    balancer.servedAndReset();
    Map<String, String> answer = finish(login, atSimulator);
    idToken(redeem(answer.get("code"), login), login);
    assertThat(balancer.servedAndReset()).containsOnlyKeys("node-a");
    // The orderly leave ran, not a stop by Infinispan's own shutdown hook beside it.
    for (BrokerNode stopped : List.of(b, c)) {
      assertThat(Files.readString(stopped.log()))
          .as(stopped.name())
          .contains("Left the cluster cleanly")
          .doesNotContain("Could not announce a clean leave");
    }
  }

  @Test
  @Order(7)
  void aReplicaLeftWithoutMajorityRefusesClearlyUntilAllAreRestarted() throws Exception {
    b.start(settings);
    c.start(settings);
    for (BrokerNode node : nodes) {
      node.awaitReady(3, START);
    }
    balancer.pin(a);
    StartedLogin login = authorize();
    Browser.Page atSimulator = toNationalEid(login);

    b.kill();
    c.kill();
    // One of three is not a majority: A cannot tell a crash from a split, so it refuses.
    a.awaitReadiness(503, "degraded", START);
    Browser.Page refused =
        login
            .browser()
            .submit(atSimulator, "login", Map.of("persona", "mk-ljubica", "action", "login"));
    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.body()).contains("temporarily unavailable");
    Browser.assertNoStackTrace(refused);
    HttpResponse<String> token = redeem("no-such-code", login);
    assertThat(token.statusCode()).isEqualTo(503);
    assertThat(token.body()).contains("temporarily_unavailable");

    // The documented way back (docs/DEPLOYMENT.md#state): restart every replica.
    a.stop();
    for (BrokerNode node : nodes) {
      node.start(settings);
    }
    for (BrokerNode node : nodes) {
      node.awaitReady(3, START);
    }
    balancer.roundRobin();
    StartedLogin again = authorize();
    idToken(redeem(finish(again, toNationalEid(again)).get("code"), again), again);
  }

  /** How often the coordinator is killed with logins at every step. */
  private static final int COORDINATOR_KILLS = 10;

  /**
   * A citizen's step that the state could not serve for a moment (503 while the cluster settles
   * after a crash, 502 from the balancer while the dead replica's connection fails): the citizen
   * tries again. Any other answer is the step's answer, a refusal included.
   */
  private static Browser.Page again(Step step) throws Exception {
    Instant deadline = Instant.now().plusSeconds(60);
    Browser.Page page = step.take();
    while ((page.status() == 503 || page.status() == 502) && Instant.now().isBefore(deadline)) {
      Thread.sleep(500);
      page = step.take();
    }
    return page;
  }

  /** One request of a citizen's login. */
  private interface Step {
    Browser.Page take() throws Exception;
  }

  private static void redeemsToAnIdToken(String code, StartedLogin login) throws Exception {
    HttpResponse<String> tokens = redeem(code, login);
    int unavailable = 0;
    // A 503 from the token endpoint means the code was not taken: the relying party retries.
    for (Instant deadline = Instant.now().plusSeconds(60);
        tokens.statusCode() == 503 && Instant.now().isBefore(deadline);
        tokens = redeem(code, login)) {
      unavailable++;
      Thread.sleep(500);
    }
    assertThat(tokens.statusCode())
        .as("after %d answers 503: %s", unavailable, tokens.body())
        .isEqualTo(200);
    idToken(tokens, login);
  }

  @Test
  @Order(8)
  void noLoginInFlightIsLostWhenTheCoordinatorIsKilledAtAnyMoment() throws Exception {
    BrokerNode restarted = null;
    for (int run = 0; run < COORDINATOR_KILLS; run++) {
      if (restarted == null || run % 2 == 0) {
        for (BrokerNode node : nodes) {
          node.awaitReady(3, START);
        }
      } else {
        // Every other run kills the coordinator while the replica killed before rejoins: entries
        // are still moving to it.
        restarted.awaitMembers(3, START);
      }
      BrokerNode coordinator = null;
      for (BrokerNode node : nodes) {
        if (node.coordinates()) {
          coordinator = node;
        }
      }
      assertThat(coordinator).as("run %d: a coordinator", run).isNotNull();
      balancer.roundRobin();
      // Logins at every step, their entries spread over the three replicas.
      List<StartedLogin> choosing = List.of(authorize(), authorize());
      Map<StartedLogin, Browser.Page> atNationalEid = new LinkedHashMap<>();
      for (int i = 0; i < 2; i++) {
        StartedLogin login = authorize();
        atNationalEid.put(login, toNationalEid(login));
      }
      Map<StartedLogin, Browser.Page> atConsent = new LinkedHashMap<>();
      for (int i = 0; i < 2; i++) {
        StartedLogin login = authorize();
        Browser.Page consent =
            login
                .browser()
                .submit(
                    toNationalEid(login),
                    "login",
                    Map.of("persona", "mk-ljubica", "action", "login"));
        assertThat(consent.status()).as(consent.body()).isEqualTo(200);
        atConsent.put(login, consent);
      }
      StartedLogin withCode = authorize();
      String code = finish(withCode, toNationalEid(withCode)).get("code");

      coordinator.kill();
      // From at once to the moment the survivors resolve conflicts (about 1.5 s after the kill).
      Thread.sleep(run * 200L);

      for (StartedLogin login : choosing) {
        Browser.Page simulator = again(() -> login.browser().choose(login.page(), "mk-eid"));
        assertThat(simulator.body()).as("run %d, at the choice", run).contains("SIMULATOR");
        atNationalEid.put(login, simulator);
      }
      for (Map.Entry<StartedLogin, Browser.Page> waiting : atNationalEid.entrySet()) {
        StartedLogin login = waiting.getKey();
        Browser.Page consent =
            again(
                () ->
                    login
                        .browser()
                        .submit(
                            waiting.getValue(),
                            "login",
                            Map.of("persona", "mk-ljubica", "action", "login")));
        assertThat(consent.status())
            .as("run %d, at the national eID: %s", run, consent.body())
            .isEqualTo(200);
        atConsent.put(login, consent);
      }
      for (Map.Entry<StartedLogin, Browser.Page> consenting : atConsent.entrySet()) {
        StartedLogin login = consenting.getKey();
        Browser.Page back =
            again(
                () ->
                    login
                        .browser()
                        .submit(consenting.getValue(), "/consent", Map.of("action", "allow")));
        assertThat(back.uri().toString())
            .as("run %d, at consent: %s", run, back.body())
            .startsWith(REDIRECT + "?");
        redeemsToAnIdToken(back.query().get("code"), login);
      }
      redeemsToAnIdToken(code, withCode);

      coordinator.start(settings);
      restarted = coordinator;
    }
    for (BrokerNode node : nodes) {
      node.awaitReady(3, START);
    }
  }

  @Test
  @Order(9)
  void noReplicaLoggedTheCitizen() throws Exception {
    var persona = Personas.defaults().byId("mk-ljubica").orElseThrow();
    for (BrokerNode node : nodes) {
      String log = Files.readString(node.log());
      assertThat(log).as(node.name()).contains("ISPN000094"); // the log is the node's own
      assertThat(log)
          .as(node.name())
          .doesNotContain(persona.identifier())
          .doesNotContain(persona.givenName())
          .doesNotContain(persona.familyName());
    }
  }

  @Test
  @Order(0)
  void aReplicaWithoutTheClustersCertificateCannotJoin() throws Exception {
    BrokerNode intruder = new BrokerNode("intruder", Path.of("target", "cluster-it"));
    Map<String, String> own = new LinkedHashMap<>(settings);
    // Its own key, trusting itself and the cluster's certificate: the cluster does not trust it.
    own.putAll(
        clusterTls(
            Path.of("target", "cluster-it"),
            "intruder",
            SimulatorKeys.ec("intruder"),
            SimulatorKeys.ec("another")));
    try {
      intruder.start(own);
      intruder.awaitReady(1, START);
      Thread.sleep(3_000); // time to try joining again, as JGroups does
      intruder.awaitReady(1, START);
      for (BrokerNode node : nodes) {
        node.awaitReady(3, START);
      }
    } finally {
      intruder.stop();
    }
    assertThat(Files.readString(intruder.log())).doesNotContain("(4)");
  }

  /**
   * Settings of JGroups TLS: a PKCS#12 key store with {@code key}, and a trust store with {@code
   * trusted}'s certificate.
   */
  private static Map<String, String> clusterTls(
      Path dir, String name, SimulatorKeys key, SimulatorKeys trusted) throws Exception {
    char[] password = "changeit".toCharArray();
    KeyStore keystore = KeyStore.getInstance("PKCS12");
    keystore.load(null, null);
    keystore.setKeyEntry(
        "replica", key.privateKey(), password, new Certificate[] {key.certificate()});
    KeyStore truststore = KeyStore.getInstance("PKCS12");
    truststore.load(null, null);
    truststore.setCertificateEntry("cluster", trusted.certificate());
    Path keys = dir.resolve(name + "-keystore.p12");
    Path trust = dir.resolve(name + "-truststore.p12");
    try (var out = Files.newOutputStream(keys)) {
      keystore.store(out, password);
    }
    try (var out = Files.newOutputStream(trust)) {
      truststore.store(out, password);
    }
    return Map.of(
        "most.state.cluster.tls.keystore",
        keys.toAbsolutePath().toString(),
        "most.state.cluster.tls.keystore-password",
        "changeit",
        "most.state.cluster.tls.truststore",
        trust.toAbsolutePath().toString(),
        "most.state.cluster.tls.truststore-password",
        "changeit");
  }

  private static String randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  private static SSLContext serving(SimulatorKeys key) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("tls", key.privateKey(), new char[0], new Certificate[] {key.certificate()});
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, new char[0]);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }

  private static SSLContext trusting(SimulatorKeys key) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("tls", key.certificate());
    TrustManagerFactory trustManagers =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trustManagers.getTrustManagers(), null);
    return context;
  }
}
