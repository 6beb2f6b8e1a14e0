package eu.mostbridge.broker.web;

import static org.assertj.core.api.Assertions.assertThat;

import eu.mostbridge.broker.security.TestLogs;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Posted forms are read whole on the event loop before their endpoint takes a worker thread ({@link
 * FormBodies}): clients that trickle their bodies hold no worker, a chunked body over the limit
 * gets 413, a client that waits for "100 Continue" gets it, and a client that goes away mid-body or
 * breaks the chunked framing leaves no hang and no error in the log.
 */
@QuarkusTest
@TestProfile(FormBodiesTest.FourWorkers.class)
class FormBodiesTest {
  private static final int TRICKLING = 8;

  /** A broker with four worker threads, fewer than the clients that trickle their bodies. */
  public static class FourWorkers implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.thread-pool.max-threads", "4");
    }
  }

  @TestHTTPResource("/token")
  URL token;

  // HTTP/1.1, as an Ingress forwards: the JDK client would otherwise upgrade to h2c, whose forms
  // Quarkus REST reads itself (see FormBodies).
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void clientsTricklingTheirFormsDoNotHoldTheWorkerThreads() throws Exception {
    List<Socket> trickling = new ArrayList<>();
    try {
      for (int i = 0; i < TRICKLING; i++) {
        Socket socket = new Socket(token.getHost(), token.getPort());
        OutputStream out = socket.getOutputStream();
        out.write(head("Content-Length: 200"));
        out.write("grant_type=".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        trickling.add(socket);
      }
      Thread.sleep(500); // let the broker route all of them

      // With the body read on a worker thread, the four workers wait for the tricklers' bodies
      // and this request queues behind them until their read timeout (a minute).
      HttpResponse<String> answer =
          http.send(
              badCodeRequest().timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(answer.statusCode()).isEqualTo(400);
      assertThat(answer.body()).contains("invalid_grant");
    } finally {
      for (Socket socket : trickling) {
        socket.close();
      }
    }
  }

  @Test
  void aChunkedFormOverTheBodyLimitGets413() throws Exception {
    try (Socket socket = new Socket(token.getHost(), token.getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(head("Transfer-Encoding: chunked"));
      byte[] chunk = "a".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
      InputStream in = socket.getInputStream();
      try {
        // 512 KiB is the limit; the server may answer and close before the client is done.
        for (int i = 0; i < 10; i++) {
          out.write(
              (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
          out.write(chunk);
          out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
      } catch (java.io.IOException closedByTheServer) {
        // the answer is already on its way
      }
      // The server closes the connection after its answer: read all of it.
      String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answer)
          .startsWith("HTTP/1.1 413")
          .doesNotContain("Exception")
          .doesNotContain("\tat ");
    }
  }

  @Test
  void aClientWaitingForContinueGetsItAndItsAnswer() throws Exception {
    HttpResponse<String> answer =
        http.send(
            badCodeRequest().expectContinue(true).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.body()).contains("invalid_grant");
  }

  @Test
  void clientsGoingAwayMidFormOrBreakingItsFramingLeaveNoErrorBehind() throws Exception {
    long linesBefore = TestLogs.lines().size();
    try (Socket away = new Socket(token.getHost(), token.getPort())) {
      away.getOutputStream().write(head("Content-Length: 200"));
      away.getOutputStream().write("grant_type=auth".getBytes(StandardCharsets.US_ASCII));
      away.getOutputStream().flush();
      Thread.sleep(200);
    }
    try (Socket broken = new Socket(token.getHost(), token.getPort())) {
      broken.setSoTimeout(10_000);
      broken.getOutputStream().write(head("Transfer-Encoding: chunked"));
      broken.getOutputStream().write("zz\r\nnot a chunk\r\n".getBytes(StandardCharsets.US_ASCII));
      broken.getOutputStream().flush();
      // Answered (400) or closed, never left hanging.
      String answer = new String(broken.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answer)
          .satisfiesAnyOf(
              a -> assertThat(a).isEmpty(), a -> assertThat(a).startsWith("HTTP/1.1 400"));
    }
    HttpResponse<String> next =
        http.send(
            badCodeRequest().timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(next.statusCode()).isEqualTo(400);

    List<String> written = TestLogs.lines();
    assertThat(written.subList((int) linesBefore, written.size()))
        .noneMatch(line -> line.contains("ERROR") || line.contains("Exception"));
  }

  /** The head of a form posted to the token endpoint, with {@code framing} for its body. */
  private static byte[] head(String framing) {
    return String.join(
            "\r\n",
            "POST /token HTTP/1.1",
            "Host: localhost",
            "Content-Type: application/x-www-form-urlencoded",
            framing,
            "",
            "")
        .getBytes(StandardCharsets.US_ASCII);
  }

  private HttpRequest.Builder badCodeRequest() throws Exception {
    return HttpRequest.newBuilder(URI.create(token.toString()))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header(
            "Authorization",
            "Basic "
                + Base64.getEncoder()
                    .encodeToString("bg-municipality:test".getBytes(StandardCharsets.UTF_8)))
        .POST(
            HttpRequest.BodyPublishers.ofString(
                "grant_type=authorization_code&code=no-such-code"
                    + "&redirect_uri=https%3A%2F%2Fobshtina.bg.test%2Fcallback"
                    + "&code_verifier="
                    + "a".repeat(43)));
  }
}
