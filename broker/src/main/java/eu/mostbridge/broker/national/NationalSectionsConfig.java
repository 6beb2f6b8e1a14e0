package eu.mostbridge.broker.national;

import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SmallRyeConfigBuilderCustomizer;

/**
 * Leaves {@code most.national.**} to the national eIDs' factories: SmallRye would otherwise refuse
 * those keys as mapping to no {@code @ConfigMapping} of the {@code most} root. Unknown keys there
 * are refused all the same, by {@link ConfiguredNationalEids}, once the factories have read theirs.
 */
public class NationalSectionsConfig implements SmallRyeConfigBuilderCustomizer {
  @Override
  public void configBuilder(SmallRyeConfigBuilder builder) {
    builder.withMappingIgnore("most.national.**");
  }
}
