package eu.mostbridge.broker.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The host name the Hot Rod client checks the server's certificate against, by default. */
class RemoteStateCachesTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "infinispan.most.svc:11222;infinispan-1.most.svc:11222 | infinispan.most.svc",
        "infinispan.most.svc | infinispan.most.svc",
        "10.0.0.7:11222 | 10.0.0.7",
      })
  void theFirstServersHostIsTheDefaultSniHostName(String servers, String host) {
    assertThat(RemoteStateCaches.firstHost(servers)).isEqualTo(host);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {"[2001:db8::1]:11222", ";h2:11222", "[::1"})
  void anAddressNoCertificateCanNameAsksForTheSniHostName(String servers) {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> RemoteStateCaches.firstHost(servers))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("most.state.remote.sni-host-name is required");
  }
}
