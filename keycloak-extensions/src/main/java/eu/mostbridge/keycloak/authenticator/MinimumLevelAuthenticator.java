package eu.mostbridge.keycloak.authenticator;

import eu.mostbridge.keycloak.EidasLevel;
import eu.mostbridge.keycloak.broker.MostIdentityProvider;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.Urls;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.ClientSessionCode;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * For flows that need a minimum cross-border level: lets through a single sign-on session whose
 * login through Most reached it, and otherwise sends the citizen to Most again asking for that
 * level (step-up). The level of a session is what Most's {@code acr} said at its login.
 */
public class MinimumLevelAuthenticator implements Authenticator {
  static final String MINIMUM = "most.minimum";
  static final String PROVIDER_ALIAS = "most.alias";

  @Override
  public void authenticate(AuthenticationFlowContext context) {
    EidasLevel minimum = minimum(context.getAuthenticatorConfig());
    KeycloakSession session = context.getSession();
    RealmModel realm = context.getRealm();
    AuthenticationManager.AuthResult sso =
        AuthenticationManager.authenticateIdentityCookie(session, realm, true);
    if (sso != null && levelOf(sso.session()).map(l -> l.satisfies(minimum)).orElse(false)) {
      context.setUser(sso.user());
      context.attachUserSession(sso.session());
      context.success();
      return;
    }
    AuthenticationSessionModel authSession = context.getAuthenticationSession();
    authSession.setAuthNote(MostIdentityProvider.STEP_UP_NOTE, minimum.name());
    URI location =
        Urls.identityProviderAuthnRequest(
            context.getUriInfo().getBaseUri(),
            alias(context.getAuthenticatorConfig()),
            realm.getName(),
            new ClientSessionCode<>(session, realm, authSession).getOrGenerateCode(),
            authSession.getClient().getClientId(),
            authSession.getTabId(),
            AuthenticationProcessor.getClientData(session, authSession),
            null);
    context.forceChallenge(Response.seeOther(location).build());
  }

  static Optional<EidasLevel> levelOf(UserSessionModel userSession) {
    return EidasLevel.fromName(userSession.getNote(MostIdentityProvider.LEVEL_SESSION_NOTE));
  }

  static EidasLevel minimum(AuthenticatorConfigModel config) {
    return EidasLevel.fromName(config == null ? null : config.getConfig().get(MINIMUM))
        .orElse(EidasLevel.HIGH);
  }

  static String alias(AuthenticatorConfigModel config) {
    String alias = config == null ? null : config.getConfig().get(PROVIDER_ALIAS);
    return alias == null || alias.isBlank() ? "most" : alias;
  }

  @Override
  public void action(AuthenticationFlowContext context) {
    authenticate(context);
  }

  @Override
  public boolean requiresUser() {
    return false;
  }

  @Override
  public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
    return true;
  }

  @Override
  public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {}

  @Override
  public void close() {}
}
