package eu.mostbridge.keycloak.authenticator;

import java.util.List;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** "Minimum cross-border level (Most)": step-up through Most for a flow. */
public class MinimumLevelAuthenticatorFactory implements AuthenticatorFactory {
  public static final String PROVIDER_ID = "most-minimum-level";
  private static final MinimumLevelAuthenticator SINGLETON = new MinimumLevelAuthenticator();

  @Override
  public String getId() {
    return PROVIDER_ID;
  }

  @Override
  public String getDisplayType() {
    return "Minimum cross-border level (Most)";
  }

  @Override
  public String getHelpText() {
    return "Passes a session whose login through Most reached the level; otherwise logs the"
        + " citizen in through Most again at that level.";
  }

  @Override
  public String getReferenceCategory() {
    return "most";
  }

  @Override
  public boolean isConfigurable() {
    return true;
  }

  @Override
  public Requirement[] getRequirementChoices() {
    return new Requirement[] {Requirement.REQUIRED, Requirement.ALTERNATIVE, Requirement.DISABLED};
  }

  @Override
  public boolean isUserSetupAllowed() {
    return false;
  }

  @Override
  public List<ProviderConfigProperty> getConfigProperties() {
    return ProviderConfigurationBuilder.create()
        .property()
        .name(MinimumLevelAuthenticator.MINIMUM)
        .label("most-minimum-level")
        .helpText("most-step-up-level.tooltip")
        .type(ProviderConfigProperty.LIST_TYPE)
        .options("low", "substantial", "high")
        .defaultValue("high")
        .add()
        .property()
        .name(MinimumLevelAuthenticator.MAX_AGE)
        .label("most-level-max-age")
        .helpText("most-level-max-age.tooltip")
        .type(ProviderConfigProperty.STRING_TYPE)
        .add()
        .property()
        .name(MinimumLevelAuthenticator.PROVIDER_ALIAS)
        .label("most-provider-alias")
        .helpText("most-provider-alias.tooltip")
        .type(ProviderConfigProperty.STRING_TYPE)
        .defaultValue("most")
        .add()
        .build();
  }

  @Override
  public Authenticator create(KeycloakSession session) {
    return SINGLETON;
  }

  @Override
  public void init(Config.Scope config) {}

  @Override
  public void postInit(KeycloakSessionFactory factory) {}

  @Override
  public void close() {}
}
