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

/** "Link by cross-border person identifier (Most)", for first broker login flows. */
public class LinkByPersonIdentifierAuthenticatorFactory implements AuthenticatorFactory {
  public static final String PROVIDER_ID = "most-link-by-person-identifier";
  private static final LinkByPersonIdentifierAuthenticator SINGLETON =
      new LinkByPersonIdentifierAuthenticator();

  @Override
  public String getId() {
    return PROVIDER_ID;
  }

  @Override
  public String getDisplayType() {
    return "Link by cross-border person identifier (Most)";
  }

  @Override
  public String getHelpText() {
    return "Links the citizen to the existing user whose attribute holds the same eIDAS person"
        + " identifier; refuses when several users match. Never links by e-mail.";
  }

  @Override
  public String getReferenceCategory() {
    return "autoLink";
  }

  @Override
  public boolean isConfigurable() {
    return true;
  }

  @Override
  public Requirement[] getRequirementChoices() {
    return new Requirement[] {Requirement.ALTERNATIVE, Requirement.REQUIRED, Requirement.DISABLED};
  }

  @Override
  public boolean isUserSetupAllowed() {
    return false;
  }

  @Override
  public List<ProviderConfigProperty> getConfigProperties() {
    return ProviderConfigurationBuilder.create()
        .property()
        .name(LinkByPersonIdentifierAuthenticator.USER_ATTRIBUTE)
        .label("most-link-attribute")
        .helpText("most-link-attribute.tooltip")
        .type(ProviderConfigProperty.STRING_TYPE)
        .defaultValue(LinkByPersonIdentifierAuthenticator.DEFAULT_ATTRIBUTE)
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
