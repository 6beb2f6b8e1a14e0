package eu.mostbridge.keycloak.broker;

import eu.mostbridge.keycloak.CommonAttribute;
import eu.mostbridge.keycloak.EidasLevel;
import eu.mostbridge.keycloak.MostRealm;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * What a citizen's login proved, kept the same way whichever provider brought it (Most, or a
 * national eID reached directly): the common attributes in the login's context, for the first login
 * flow and the mappers, and in the user session's notes, for the realm's tokens and the step-up;
 * never where a user can write.
 */
public final class ProvedLogin {
  private static final Logger LOG = Logger.getLogger(ProvedLogin.class);

  /** Context-data key of the instant the citizen authenticated (epoch seconds). */
  static final String AUTH_TIME_KEY = "most.auth_time";

  private ProvedLogin() {}

  /**
   * The level a login must reach: the provider's minimum, or the stronger one a step-up noted on
   * {@code authSession}.
   */
  public static EidasLevel required(EidasLevel configured, AuthenticationSessionModel authSession) {
    String stepUp =
        authSession == null ? null : authSession.getAuthNote(MostIdentityProvider.STEP_UP_NOTE);
    return EidasLevel.fromName(stepUp).filter(l -> l.compareTo(configured) > 0).orElse(configured);
  }

  /**
   * Keeps the common attributes {@code claims} hold (in the shape of Most's ID token) in {@code
   * context}, and when the citizen authenticated.
   *
   * @return the first attribute longer than Keycloak can store, when there is one: the login must
   *     then be refused, nothing was kept
   */
  public static Optional<CommonAttribute> keep(
      BrokeredIdentityContext context, Map<String, Object> claims, long authenticatedAt) {
    for (CommonAttribute attribute : CommonAttribute.values()) {
      Optional<String> value = attribute.from(claims);
      if (value.isPresent() && value.get().length() > MostClaims.MAX_VALUE_LENGTH) {
        return Optional.of(attribute);
      }
    }
    for (CommonAttribute attribute : CommonAttribute.values()) {
      attribute
          .from(claims)
          .ifPresent(
              value -> context.getContextData().put(MostClaims.KEY_PREFIX + attribute, value));
    }
    context.getContextData().put(AUTH_TIME_KEY, Long.toString(authenticatedAt));
    return Optional.empty();
  }

  /**
   * Notes what the login proved on the authentication session: Keycloak copies those notes to the
   * user session when the login completes, also when it continues an existing single sign-on
   * session (a step-up), where the brokered context's own session notes are not applied.
   */
  public static void noteOnSession(
      AuthenticationSessionModel authSession, BrokeredIdentityContext context) {
    for (CommonAttribute attribute : CommonAttribute.values()) {
      MostClaims.attribute(context, attribute)
          .ifPresent(
              value -> authSession.setUserSessionNote(MostClaims.NOTE_PREFIX + attribute, value));
    }
    MostClaims.attribute(context, CommonAttribute.LEVEL_OF_ASSURANCE)
        .flatMap(EidasLevel::fromUri)
        .ifPresent(
            level ->
                authSession.setUserSessionNote(
                    MostIdentityProvider.LEVEL_SESSION_NOTE, level.name()));
    if (context.getContextData().get(AUTH_TIME_KEY) instanceof String time) {
      authSession.setUserSessionNote(MostIdentityProvider.LEVEL_TIME_NOTE, time);
    }
    authSession.setUserSessionNote(
        MostIdentityProvider.FINISHED_NOTE, Long.toString(Instant.now().getEpochSecond()));
  }

  /**
   * Whether the realm may take logins through identity provider {@code alias}: not while users can
   * edit an attribute its mappers write (a user could otherwise put a citizen's person identifier
   * on their own account). The reason goes to the server log.
   */
  public static boolean realmIsSafe(KeycloakSession session, String alias) {
    Set<String> editable =
        MostRealm.userEditable(session, MostRealm.attributesWrittenBy(session, alias));
    if (editable.isEmpty()) {
      return true;
    }
    LOG.errorf(
        "Realm %s refuses logins through identity provider %s: users can edit the attributes %s"
            + " it writes. Make them editable by admin only in the realm's user profile"
            + " (docs/KEYCLOAK.md).",
        session.getContext().getRealm().getName(), alias, editable);
    return false;
  }
}
