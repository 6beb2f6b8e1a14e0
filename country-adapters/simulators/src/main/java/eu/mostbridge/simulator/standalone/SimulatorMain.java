package eu.mostbridge.simulator.standalone;

import com.sun.net.httpserver.HttpServer;
import eu.mostbridge.simulator.Personas;
import eu.mostbridge.simulator.oidc.OidcSimulator;
import eu.mostbridge.simulator.oidc.OidcSimulatorSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The two OpenID Connect simulators (BG MVR eID at {@code /mvr}, in its own flow's access-token
 * shape; MK eid.mk at {@code /eid-mk}) as a process of their own, for a broker configured like
 * production (compose.yaml). The eAuth SAML simulator is not offered here: it needs the broker's
 * SAML certificates registered with it, which only the demo's in-process wiring does.
 *
 * <p>Settings, from environment variables:
 *
 * <ul>
 *   <li>{@code SIMULATOR_BIND} (default {@code 0.0.0.0}) and {@code SIMULATOR_PORT} (8090);
 *   <li>{@code SIMULATOR_PUBLIC_URL}: how browsers reach this process (default {@code
 *       http://localhost:<port>}); the issuers are this URL plus {@code /mvr} and {@code /eid-mk};
 *   <li>{@code SIMULATOR_CLIENT_ID} and {@code SIMULATOR_CLIENT_SECRET}: the one relying party (the
 *       broker) both simulators accept;
 *   <li>{@code SIMULATOR_BROKER_URL}: the broker's issuer; its callbacks {@code
 *       /callback/bg-mvr-eid} and {@code /callback/mk-eid} are the registered redirect URIs;
 *   <li>{@code SIMULATOR_PERSONAS}: optional personas file (default: the built-in synthetic set).
 * </ul>
 */
public final class SimulatorMain {
  private SimulatorMain() {}

  public static void main(String[] args) throws IOException {
    HttpServer server = start(System::getenv);
    System.out.println(
        "National eID simulators (synthetic personas only) listening on port "
            + server.getAddress().getPort()
            + ": /mvr (BG MVR eID), /eid-mk (MK eid.mk)");
  }

  /** Starts the simulators with the settings {@code env} gives; the caller stops the server. */
  public static HttpServer start(Function<String, String> env) throws IOException {
    String bind = setting(env, "SIMULATOR_BIND", "0.0.0.0");
    int port = Integer.parseInt(setting(env, "SIMULATOR_PORT", "8090"));
    String clientId = required(env, "SIMULATOR_CLIENT_ID");
    String secret = required(env, "SIMULATOR_CLIENT_SECRET");
    String broker = required(env, "SIMULATOR_BROKER_URL").replaceAll("/+$", "");
    String personasFile = env.apply("SIMULATOR_PERSONAS");
    Personas personas =
        personasFile == null || personasFile.isBlank()
            ? Personas.defaults()
            : Personas.read(Path.of(personasFile));

    HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 0);
    String publicUrl =
        setting(env, "SIMULATOR_PUBLIC_URL", "http://localhost:" + server.getAddress().getPort())
            .replaceAll("/+$", "");
    Map<String, OidcSimulator> simulators =
        Map.of(
            "/mvr",
            new OidcSimulator(
                URI.create(publicUrl + "/mvr"),
                // As the MVR's public code shows its flow, which is what a broker configured
                // like production expects of bg-mvr-eid by default (token-shape ACCESS_TOKEN).
                OidcSimulatorSettings.mvrAsItsCodeShows(
                    clientId, secret, broker + "/callback/bg-mvr-eid"),
                personas),
            "/eid-mk",
            new OidcSimulator(
                URI.create(publicUrl + "/eid-mk"),
                OidcSimulatorSettings.eidMk(clientId, secret, broker + "/callback/mk-eid"),
                personas));
    simulators.forEach(server::createContext);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
    return server;
  }

  private static String setting(Function<String, String> env, String name, String fallback) {
    String value = env.apply(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  private static String required(Function<String, String> env, String name) {
    String value = env.apply(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
    return value;
  }
}
