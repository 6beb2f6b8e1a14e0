package eu.mostbridge.broker.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import eu.mostbridge.broker.Management;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.infinispan.client.hotrod.RemoteCacheManager;
import org.infinispan.client.hotrod.configuration.ConfigurationBuilder;
import org.junit.jupiter.api.Test;

/**
 * A login with the broker's state on an Infinispan Server secured as production runs it: Hot Rod
 * over TLS (the server's certificate trusted through {@code most.state.remote.trust-store}) and
 * SCRAM-SHA-512 authentication ({@code most.state.remote.username} and {@code password}). The
 * server is shown to refuse a client in plain text and one with a wrong password, so the login
 * cannot have passed over an open connection.
 */
@QuarkusTest
@TestProfile(LoginOnSecuredInfinispanServerTest.OnSecuredServer.class)
class LoginOnSecuredInfinispanServerTest {
  /** The test profile, with the secured server started before the broker. */
  public static class OnSecuredServer implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(
          new TestResourceEntry(
              InfinispanServerResource.class, Map.of(InfinispanServerResource.SECURED, "true")));
    }
  }

  @Test
  void aLoginCompletesWithItsStateOnAServerOverTlsWithScram() throws Exception {
    var claims =
        LoginFlowTest.login(
            "bg-municipality", "https://obshtina.bg.test/callback", "mk-eid", "mk-gjorgji", null);

    assertThat(claims.getStringClaim("person_identifier")).startsWith("MK/BG/");
    assertThat(Management.given().get("/q/health/ready").asString())
        .contains("\"state\": \"remote\"");
  }

  @Test
  void theServerRefusesAClientInPlainTextOrWithAWrongPassword() {
    assertThat(caches(false, InfinispanServerResource.PASSWORD))
        .as("in plain text")
        .isInstanceOf(RuntimeException.class);
    assertThat(caches(true, "not-the-password"))
        .as("with a wrong password")
        .isInstanceOf(RuntimeException.class);
    assertThat(caches(true, InfinispanServerResource.PASSWORD)).as("as Most connects").isNull();
  }

  /** What listing the server's caches throws, as a client with TLS or not and {@code password}. */
  private static Throwable caches(boolean tls, String password) {
    ConfigurationBuilder builder = new ConfigurationBuilder();
    builder
        .addServers("127.0.0.1:" + InfinispanServerResource.port())
        .connectionTimeout(2000)
        .socketTimeout(2000)
        .maxRetries(0);
    builder
        .security()
        .authentication()
        .enable()
        .saslMechanism("SCRAM-SHA-512")
        .username(InfinispanServerResource.USER)
        .password(password);
    if (tls) {
      builder
          .security()
          .ssl()
          .enable()
          .trustStoreFileName(InfinispanServerResource.trustStore().toString())
          .trustStorePassword("changeit".toCharArray())
          .trustStoreType("PKCS12")
          .sniHostName("127.0.0.1");
    }
    RemoteCacheManager client = new RemoteCacheManager(builder.build());
    try {
      return catchThrowable(client::getCacheNames);
    } finally {
      client.stop();
    }
  }
}
