package eu.mostbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import eu.mostbridge.simulator.standalone.SimulatorMain;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The standalone simulators process, as compose.yaml starts it, over real HTTP. */
class SimulatorMainTest {
  private static final Map<String, String> ENV =
      Map.of(
          "SIMULATOR_BIND", "127.0.0.1",
          "SIMULATOR_PORT", "0",
          "SIMULATOR_PUBLIC_URL", "http://sim.example:8090/",
          "SIMULATOR_CLIENT_ID", "most",
          "SIMULATOR_CLIENT_SECRET", "s3cret",
          "SIMULATOR_BROKER_URL", "https://most.example");

  @Test
  void servesBothOpenIdProvidersUnderThePublicUrl() throws Exception {
    HttpServer server = SimulatorMain.start(ENV::get);
    try {
      HttpClient http = HttpClient.newHttpClient();
      for (String path : new String[] {"/mvr", "/eid-mk"}) {
        HttpResponse<String> discovery =
            http.send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:"
                                + server.getAddress().getPort()
                                + path
                                + "/.well-known/openid-configuration"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(discovery.statusCode()).isEqualTo(200);
        JsonNode metadata = new ObjectMapper().readTree(discovery.body());
        assertThat(metadata.get("issuer").asText()).isEqualTo("http://sim.example:8090" + path);
      }
      HttpResponse<String> unknownRedirect =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          "http://127.0.0.1:"
                              + server.getAddress().getPort()
                              + "/eid-mk/authorize?client_id=most&response_type=code&scope=openid"
                              + "&redirect_uri=https://evil.example/cb&state=s&nonce=n"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(unknownRedirect.statusCode()).isEqualTo(400);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void refusesToStartWithoutItsRelyingParty() {
    assertThatThrownBy(() -> SimulatorMain.start(Map.of("SIMULATOR_PORT", "0")::get))
        .hasMessageContaining("SIMULATOR_CLIENT_ID");
  }
}
