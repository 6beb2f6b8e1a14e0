package eu.mostbridge.bench.load;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The packaged broker ({@code broker/target/quarkus-app/quarkus-run.jar}) in its production profile
 * with local state: an https issuer (served as plain http on loopback behind the driver's routing,
 * as behind a TLS-terminating Ingress), an RS256 signing key (Keycloak's default, so both sign
 * alike), one client and eid.mk at the benchmark's simulator.
 */
final class MostUnderTest {
  static final URI ISSUER = URI.create("https://most.bench.test");

  private static final java.util.concurrent.atomic.AtomicInteger STARTED =
      new java.util.concurrent.atomic.AtomicInteger();

  final ServerProcess process;
  final URI listening;
  final URI management;
  final Duration ready;

  private MostUnderTest(ServerProcess process, URI listening, URI management, Duration ready) {
    this.process = process;
    this.listening = listening;
    this.management = management;
    this.ready = ready;
  }

  /** Where eid.mk's simulator must send the browser back to. */
  static String callback() {
    return ISSUER + "/callback/mk-eid";
  }

  static MostUnderTest start(
      Path jar, Path work, URI nationalIssuer, String nationalSecret, String cpus, String heap)
      throws Exception {
    return start(jar, work, nationalIssuer, nationalSecret, cpus, heap, List.of());
  }

  /** As above, with {@code jvmOptions} before the broker's settings (e.g. a class-data archive). */
  static MostUnderTest start(
      Path jar,
      Path work,
      URI nationalIssuer,
      String nationalSecret,
      String cpus,
      String heap,
      List<String> jvmOptions)
      throws Exception {
    Files.createDirectories(work);
    Path keys = work.resolve("most-signing-keys.json");
    Files.writeString(
        keys,
        new JWKSet(
                new RSAKeyGenerator(2048)
                    .keyID("bench-rs256")
                    .algorithm(JWSAlgorithm.RS256)
                    .generate())
            .toString(false));
    Path clients = work.resolve("most-clients.yaml");
    Files.writeString(
        clients,
        """
        clients:
          - id: %s
            names: {bg: "Бенчмарк", mk: "Бенчмарк", en: "Benchmark"}
            redirectUris: [%s]
            secretHash: "%s"
            allowedCountries: [MK]
            identifierPolicy: NATIONAL_NUMBER
        """
            .formatted(Logins.CLIENT, Logins.RP_REDIRECT, secretHash(Logins.CLIENT_SECRET)),
        StandardCharsets.UTF_8);
    int port = ServerProcess.freePort();
    int managementPort = ServerProcess.freePort(port);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xms" + heap);
    command.add("-Xmx" + heap);
    command.addAll(jvmOptions);
    // For profiling, e.g. MOST_BENCH_JVM="-XX:StartFlightRecording=filename=most-{n}.jfr"; {n}
    // counts the brokers this run starts.
    String extra = System.getenv("MOST_BENCH_JVM");
    if (extra != null && !extra.isBlank()) {
      String numbered = extra.trim().replace("{n}", Integer.toString(STARTED.incrementAndGet()));
      command.addAll(List.of(numbered.split("\\s+", -1)));
    }
    Map<String, String> settings = new java.util.LinkedHashMap<>();
    settings.put("quarkus.http.host", "127.0.0.1");
    settings.put("quarkus.http.port", Integer.toString(port));
    settings.put("quarkus.management.host", "127.0.0.1");
    settings.put("quarkus.management.port", Integer.toString(managementPort));
    settings.put("most.issuer", ISSUER.toString());
    settings.put("most.signing.keys-file", keys.toAbsolutePath().toString());
    settings.put("most.signing.default-algorithm", "RS256");
    settings.put("quarkus.log.console.json.enabled", "false");
    settings.put("most.clients-file", clients.toAbsolutePath().toString());
    // --stored leaves 100,000 logins waiting, the default bound per replica.
    settings.put("most.state.max-logins-in-flight", "2000000");
    settings.put("most.secrets.pairwise-key", randomKey());
    settings.put("most.secrets.pseudonym-key", randomKey());
    settings.put("most.national.mk-eid.binding", "OIDC");
    settings.put("most.national.mk-eid.oidc.issuer", nationalIssuer.toString());
    settings.put("most.national.mk-eid.oidc.client-id", "most");
    settings.put("most.national.mk-eid.oidc.client-secret", nationalSecret);
    settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-jar");
    command.add(jar.toAbsolutePath().toString());
    long start = System.nanoTime();
    ServerProcess process =
        ServerProcess.start("Most", command, Map.of(), cpus, work.resolve("most.log"));
    URI management = URI.create("http://127.0.0.1:" + managementPort);
    process.awaitOk(management.resolve("/q/health/ready"), Duration.ofMinutes(2));
    return new MostUnderTest(
        process,
        URI.create("http://127.0.0.1:" + port),
        management,
        Duration.ofNanos(System.nanoTime() - start));
  }

  /** The browser's routing: Most's external https issuer → where it listens. */
  URI route(URI uri) {
    if (ISSUER.getAuthority().equals(uri.getAuthority())) {
      return URI.create(
          listening
              + uri.getRawPath()
              + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }
    return uri;
  }

  MostLogins logins() {
    return new MostLogins(ISSUER, listening);
  }

  static String secretHash(String secret) throws Exception {
    return "sha256:"
        + HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
  }

  static String randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }
}
