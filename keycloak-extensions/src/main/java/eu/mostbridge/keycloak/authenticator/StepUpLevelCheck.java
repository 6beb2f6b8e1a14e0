package eu.mostbridge.keycloak.authenticator;

import eu.mostbridge.keycloak.EidasLevel;
import eu.mostbridge.keycloak.broker.MostIdentityProvider;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Where a step-up ({@link MinimumLevelAuthenticator}) sent the citizen to Most, the login completes
 * only if this login reached the level through Most. A login brokered by another provider (the
 * browser can swap the provider in the step-up's redirect: Keycloak accepts the login's session
 * code at any provider) completes the login without coming back to the flow; this required action
 * is the check Keycloak runs on every login as it completes.
 */
public class StepUpLevelCheck implements RequiredActionProvider {
  private static final Logger LOG = Logger.getLogger(StepUpLevelCheck.class);

  @Override
  public void evaluateTriggers(RequiredActionContext context) {
    AuthenticationSessionModel authSession = context.getAuthenticationSession();
    Optional<EidasLevel> asked =
        EidasLevel.fromName(authSession.getAuthNote(MostIdentityProvider.STEP_UP_NOTE));
    if (asked.isEmpty()) {
      return;
    }
    Optional<EidasLevel> reached =
        EidasLevel.fromName(
            authSession.getUserSessionNotes().get(MostIdentityProvider.LEVEL_SESSION_NOTE));
    if (reached.map(level -> level.satisfies(asked.get())).orElse(false)) {
      return;
    }
    LOG.warnf(
        "Realm %s: a step-up to %s completed without a login through Most at that level; refused",
        context.getRealm().getName(), asked.get());
    authSession.addRequiredAction(StepUpLevelCheckFactory.PROVIDER_ID);
  }

  @Override
  public void requiredActionChallenge(RequiredActionContext context) {
    context.challenge(
        context.form().setError("mostLevelTooLow").createErrorPage(Response.Status.FORBIDDEN));
  }

  @Override
  public void processAction(RequiredActionContext context) {
    requiredActionChallenge(context);
  }

  @Override
  public void close() {}
}
