package eu.mostbridge.broker.health;

import static org.assertj.core.api.Assertions.assertThat;

import eu.mostbridge.broker.config.BrokerConfig;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProductionReadinessTest {
  private static BrokerConfig config(Map<String, String> values) {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withMapping(BrokerConfig.class)
            .withConverter(
                io.quarkus.runtime.configuration.MemorySize.class,
                100,
                new io.quarkus.runtime.configuration.MemorySizeConverter())
            .withSources(new MapBackedConfigSource("test", values) {})
            .build();
    return config.getConfigMapping(BrokerConfig.class);
  }

  @Test
  void listsEverythingMissingAtOnce() {
    assertThat(ProductionReadiness.missing(config(Map.of("most.issuer", "http://x.test")), 0))
        .hasSize(6)
        .anyMatch(m -> m.startsWith("most.issuer"))
        .anyMatch(m -> m.startsWith("most.signing.keys-file"))
        .anyMatch(m -> m.startsWith("most.clients-file"))
        .anyMatch(m -> m.startsWith("most.secrets.pairwise-key"))
        .anyMatch(m -> m.startsWith("most.secrets.pseudonym-key"))
        .anyMatch(m -> m.startsWith("a national eID"));
  }

  @Test
  void acceptsACompleteConfiguration() {
    BrokerConfig complete =
        config(
            Map.of(
                "most.issuer", "https://most.example",
                "most.signing.keys-file", "/run/secrets/keys.json",
                "most.clients-file", "/etc/most/clients.yaml",
                "most.secrets.pairwise-key", "AAAA",
                "most.secrets.pseudonym-key", "BBBB"));

    assertThat(ProductionReadiness.missing(complete, 2)).isEmpty();
  }
}
