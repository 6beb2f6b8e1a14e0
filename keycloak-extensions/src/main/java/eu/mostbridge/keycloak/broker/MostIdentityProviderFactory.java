package eu.mostbridge.keycloak.broker;

import java.util.List;
import java.util.Map;
import org.keycloak.broker.oidc.OIDCIdentityProviderFactory;
import org.keycloak.broker.provider.AbstractIdentityProviderFactory;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * "Cross-border eID (Most)": an identity provider configured from Most's discovery document (the
 * admin console's "Discovery endpoint", as for any OpenID Connect provider), with the countries and
 * the minimum level of assurance.
 */
public class MostIdentityProviderFactory
    extends AbstractIdentityProviderFactory<MostIdentityProvider> {
  public static final String PROVIDER_ID = "most";

  @Override
  public String getId() {
    return PROVIDER_ID;
  }

  @Override
  public String getName() {
    return "Cross-border eID (Most)";
  }

  @Override
  public MostIdentityProvider create(KeycloakSession session, IdentityProviderModel model) {
    return new MostIdentityProvider(session, new MostIdentityProviderConfig(model));
  }

  @Override
  public MostIdentityProviderConfig createConfig() {
    return new MostIdentityProviderConfig();
  }

  /** Reads Most's discovery document, as the standard OpenID Connect provider does. */
  @Override
  public Map<String, String> parseConfig(KeycloakSession session, String config) {
    return new OIDCIdentityProviderFactory().parseConfig(session, config);
  }

  @Override
  public List<ProviderConfigProperty> getConfigProperties() {
    return ProviderConfigurationBuilder.create()
        .property()
        .name(MostIdentityProviderConfig.COUNTRIES)
        .label("most-countries")
        .helpText("most-countries.tooltip")
        .type(ProviderConfigProperty.STRING_TYPE)
        .add()
        .property()
        .name(MostIdentityProviderConfig.MINIMUM_LEVEL)
        .label("most-minimum-level")
        .helpText("most-minimum-level.tooltip")
        .type(ProviderConfigProperty.LIST_TYPE)
        .options("low", "substantial", "high")
        .defaultValue("substantial")
        .add()
        .build();
  }
}
