package eu.mostbridge.broker.connector;

import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;
import java.util.HashMap;
import java.util.Map;

/** {@link EidasConfig} from a map of settings, as SmallRye reads them at start-up. */
public final class TestEidasConfig {
  private TestEidasConfig() {}

  public static EidasConfig of(Map<String, String> values) {
    return new SmallRyeConfigBuilder()
        .withMapping(EidasConfig.class)
        .withSources(new MapBackedConfigSource("test", new HashMap<>(values)) {})
        .build()
        .getConfigMapping(EidasConfig.class);
  }
}
