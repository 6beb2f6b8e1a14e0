package eu.mostbridge.keycloak.authenticator;

import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * "Cross-border step-up level (Most)": the required action that holds a step-up to the level it
 * asked for. It must be enabled in every realm that uses the step-up authenticator, which refuses
 * to run otherwise.
 */
public class StepUpLevelCheckFactory implements RequiredActionFactory {
  public static final String PROVIDER_ID = "most-step-up-level";
  private static final StepUpLevelCheck SINGLETON = new StepUpLevelCheck();

  @Override
  public String getId() {
    return PROVIDER_ID;
  }

  @Override
  public String getDisplayText() {
    return "Cross-border step-up level (Most)";
  }

  @Override
  public RequiredActionProvider create(KeycloakSession session) {
    return SINGLETON;
  }

  @Override
  public void init(Config.Scope config) {}

  @Override
  public void postInit(KeycloakSessionFactory factory) {}

  @Override
  public void close() {}
}
