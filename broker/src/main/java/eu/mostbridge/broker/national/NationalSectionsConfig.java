package eu.mostbridge.broker.national;

import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SmallRyeConfigBuilderCustomizer;

/**
 * Leaves {@code most.national.**} to the national eIDs' factories and {@code most.eidas.network.**}
 * to the eIDAS network's adapter: SmallRye would otherwise refuse those keys as mapping to no
 * {@code @ConfigMapping} of the {@code most} root. Unknown keys there are refused all the same, by
 * {@link ConfiguredNationalEids} and {@link EidasNetworkEids}, once the adapters have read theirs.
 */
public class NationalSectionsConfig implements SmallRyeConfigBuilderCustomizer {
  @Override
  public void configBuilder(SmallRyeConfigBuilder builder) {
    builder.withMappingIgnore("most.national.**");
    builder.withMappingIgnore("most.eidas.network.**");
  }
}
