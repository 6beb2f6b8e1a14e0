package eu.mostbridge.keycloak.authenticator;

import eu.mostbridge.keycloak.EidasLevel;
import eu.mostbridge.keycloak.MostRealm;
import eu.mostbridge.keycloak.broker.MostIdentityProvider;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionProviderModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.services.Urls;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.ClientSessionCode;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * For flows that need a minimum cross-border level: lets through a single sign-on session whose
 * login through Most reached it, and otherwise sends the citizen to Most again asking for that
 * level (step-up). The level of a session is what Most's {@code acr} said at its login, and the
 * Most identity provider checks the answer against the level asked for.
 *
 * <p>A session passes only while its login through Most is recent enough: not when the client sends
 * {@code prompt=login}, not beyond the client's {@code max_age}, and not beyond the configured
 * maximum age of a level (if any; otherwise the level lasts as long as the session). Passing keeps
 * the session's own authentication time ({@code auth_time}).
 */
public class MinimumLevelAuthenticator implements Authenticator {
  private static final Logger LOG = Logger.getLogger(MinimumLevelAuthenticator.class);
  static final String MINIMUM = "most.minimum";
  static final String PROVIDER_ALIAS = "most.alias";
  static final String MAX_AGE = "most.level.max-age";

  @Override
  public void authenticate(AuthenticationFlowContext context) {
    Optional<EidasLevel> configured = minimum(context.getAuthenticatorConfig());
    if (configured.isEmpty()) {
      LOG.errorf(
          "Realm %s: the Most step-up authenticator's minimum level must be low, substantial or"
              + " high; logins through this flow are refused",
          context.getRealm().getName());
      context.failure(
          AuthenticationFlowError.INTERNAL_ERROR,
          context
              .form()
              .setError(MostRealm.UNSAFE_MESSAGE)
              .createErrorPage(Response.Status.FORBIDDEN));
      return;
    }
    EidasLevel minimum = configured.get();
    KeycloakSession session = context.getSession();
    RealmModel realm = context.getRealm();
    RequiredActionProviderModel check =
        realm.getRequiredActionProviderByAlias(StepUpLevelCheckFactory.PROVIDER_ID);
    if (check == null || !check.isEnabled()) {
      LOG.errorf(
          "Realm %s: the required action \"%s\" is not enabled, so a step-up could complete"
              + " through another identity provider; logins through this flow are refused"
              + " (docs/KEYCLOAK.md)",
          realm.getName(), StepUpLevelCheckFactory.PROVIDER_ID);
      context.failure(
          AuthenticationFlowError.INTERNAL_ERROR,
          context
              .form()
              .setError(MostRealm.UNSAFE_MESSAGE)
              .createErrorPage(Response.Status.FORBIDDEN));
      return;
    }
    AuthenticationSessionModel authSession = context.getAuthenticationSession();
    AuthenticationManager.AuthResult sso =
        AuthenticationManager.authenticateIdentityCookie(session, realm, true);
    UserModel identified = context.getUser();
    if (sso != null
        && (identified == null || identified.getId().equals(sso.user().getId()))
        && levelOf(sso.session()).map(l -> l.satisfies(minimum)).orElse(false)
        && recentEnough(sso.session(), authSession, context.getAuthenticatorConfig())) {
      context.setUser(sso.user());
      context.attachUserSession(sso.session());
      // A single sign-on, as Keycloak's own cookie authenticator marks it: auth_time stays the
      // session's, not now.
      authSession.setAuthNote(AuthenticationManager.SSO_AUTH, "true");
      context.success();
      return;
    }
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

  /**
   * Whether the session's login through Most may stand for this request: no {@code prompt=login},
   * within the client's {@code max_age} and the configured maximum age of a level.
   */
  static boolean recentEnough(
      UserSessionModel userSession,
      AuthenticationSessionModel authSession,
      AuthenticatorConfigModel config) {
    String prompt = authSession.getClientNote(OIDCLoginProtocol.PROMPT_PARAM);
    if (prompt != null
        && List.of(prompt.split(" ")).contains(OIDCLoginProtocol.PROMPT_VALUE_LOGIN)) {
      return false;
    }
    long authenticated;
    try {
      authenticated = Long.parseLong(userSession.getNote(MostIdentityProvider.LEVEL_TIME_NOTE));
    } catch (NumberFormatException e) {
      return false;
    }
    long age = Instant.now().getEpochSecond() - authenticated;
    return within(age, authSession.getClientNote(OIDCLoginProtocol.MAX_AGE_PARAM))
        && within(age, config == null ? null : config.getConfig().get(MAX_AGE));
  }

  /** Whether {@code age} seconds is within {@code limit} seconds (no limit when unset). */
  private static boolean within(long age, String limit) {
    if (limit == null || limit.isBlank()) {
      return true;
    }
    try {
      return age <= Long.parseLong(limit.trim());
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** The configured minimum (high when unset); empty when the setting names no level. */
  static Optional<EidasLevel> minimum(AuthenticatorConfigModel config) {
    String configured = config == null ? null : config.getConfig().get(MINIMUM);
    return configured == null || configured.isBlank()
        ? Optional.of(EidasLevel.HIGH)
        : EidasLevel.fromName(configured);
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
