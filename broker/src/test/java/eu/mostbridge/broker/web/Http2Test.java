package eu.mostbridge.broker.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * HTTP/2 against the broker, as a client nobody controls would speak it: cleartext HTTP/2 is not
 * spoken on the public port, and over TLS one connection holding streams whose form bodies never
 * come holds no worker thread (the broker of this profile has four) and no more streams than the
 * bound.
 */
@QuarkusTest
@TestProfile(Http2Test.FourWorkersAndTls.class)
@QuarkusTestResource(value = TlsPort.class, restrictToAnnotatedClass = true)
class Http2Test {
  private static final int PLAIN_PORT = 8081;

  /** {@code quarkus.http.limits.max-concurrent-streams} in application.properties. */
  private static final int STREAMS_PER_CONNECTION = 16;

  /** Four worker threads, fewer than the streams one connection opens. */
  public static class FourWorkersAndTls implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.thread-pool.max-threads", "4");
    }
  }

  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private HttpClient client(boolean tls, boolean http2) {
    HttpClientOptions options =
        new HttpClientOptions()
            .setProtocolVersion(http2 ? HttpVersion.HTTP_2 : HttpVersion.HTTP_1_1)
            .setHttp2ClearTextUpgrade(false) // prior knowledge, as an attacker would
            .setDefaultHost("localhost")
            .setDefaultPort(tls ? TlsPort.PORT : PLAIN_PORT)
            .setConnectTimeout(5_000)
            .setIdleTimeout(30);
    if (tls) {
      options.setSsl(true).setUseAlpn(true).setTrustAll(true).setVerifyHost(false);
    }
    return vertx.createHttpClient(options);
  }

  /** A response read whole on the event loop (its body is gone if read later). */
  record Answer(int status, HttpVersion version, String body) {}

  private static Future<Answer> whole(HttpClientResponse response) {
    return response
        .body()
        .map(body -> new Answer(response.statusCode(), response.version(), body.toString()));
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static RequestOptions tokenPost() {
    return new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setURI("/token")
        .putHeader("Content-Type", "application/x-www-form-urlencoded")
        .putHeader("Authorization", "Basic YmctbXVuaWNpcGFsaXR5OnRlc3Q=");
  }

  private static final String BAD_CODE =
      "grant_type=authorization_code&code=nope&redirect_uri=https%3A%2F%2Fobshtina.bg.test%2Fcallback"
          + "&code_verifier="
          + "v".repeat(43);

  @Test
  void cleartextHttp2IsNotSpokenOnThePublicPort() throws Exception {
    HttpClient h2c = client(false, true);
    Throwable refused = null;
    try {
      HttpClientResponse response =
          await(h2c.request(new RequestOptions().setURI("/jwks")).compose(r -> r.send()));
      assertThat(response.version()).isNotEqualTo(HttpVersion.HTTP_2);
    } catch (Exception e) {
      refused = e;
    }
    assertThat(refused).as("the h2c preface is refused").isNotNull();
    // The same port answers HTTP/1.1.
    HttpClientResponse plain =
        await(
            client(false, false)
                .request(new RequestOptions().setURI("/jwks"))
                .compose(r -> r.send()));
    assertThat(plain.statusCode()).isEqualTo(200);
  }

  @Test
  void overTlsAFormIsAnsweredAndOneWithoutItsLengthIsRefused() throws Exception {
    HttpClient h2 = client(true, true);
    Answer answered =
        await(
            h2.request(tokenPost())
                .compose(r -> r.send(Buffer.buffer(BAD_CODE)))
                .compose(Http2Test::whole));
    assertThat(answered.version()).isEqualTo(HttpVersion.HTTP_2);
    assertThat(answered.status()).isEqualTo(400);
    assertThat(answered.body()).contains("invalid_grant");

    HttpClientResponse unstated =
        await(
            h2.request(tokenPost())
                .compose(
                    r -> {
                      r.setChunked(true);
                      return r.send(Buffer.buffer(BAD_CODE));
                    }));
    assertThat(unstated.statusCode()).isEqualTo(411);
  }

  @Test
  void oneConnectionsStalledStreamsHoldNoWorkerThreads() throws Exception {
    HttpClient attacker = client(true, true);
    List<HttpClientRequest> stalled = new ArrayList<>();
    for (int i = 0; i < STREAMS_PER_CONNECTION; i++) {
      HttpClientRequest request = await(attacker.request(tokenPost()));
      request.putHeader("Content-Length", "200");
      request.sendHead();
      stalled.add(request);
    }
    // The broker's SETTINGS bound the streams of a connection: a further one waits for a free one.
    Future<HttpClientRequest> beyond = attacker.request(tokenPost());
    Thread.sleep(500);
    assertThat(beyond.isComplete()).as("a stream beyond the bound").isFalse();
    Thread.sleep(500); // let the broker route the streams it accepted

    // Another client, other connections: the worker threads are free.
    HttpClient citizen = client(true, false);
    long started = System.nanoTime();
    HttpClientResponse jwks =
        await(citizen.request(new RequestOptions().setURI("/jwks")).compose(r -> r.send()));
    HttpClientResponse token =
        await(citizen.request(tokenPost()).compose(r -> r.send(Buffer.buffer(BAD_CODE))));
    HttpClientResponse authorize =
        await(
            citizen
                .request(new RequestOptions().setURI("/authorize?client_id=nobody"))
                .compose(r -> r.send()));

    assertThat(jwks.statusCode()).isEqualTo(200);
    assertThat(token.statusCode()).isEqualTo(400);
    assertThat(authorize.statusCode()).isEqualTo(400);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(5_000);
    for (HttpClientRequest request : stalled) {
      request.reset();
    }
  }
}
