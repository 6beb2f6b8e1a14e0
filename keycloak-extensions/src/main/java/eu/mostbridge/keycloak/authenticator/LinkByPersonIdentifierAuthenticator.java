package eu.mostbridge.keycloak.authenticator;

import eu.mostbridge.keycloak.CommonAttribute;
import eu.mostbridge.keycloak.broker.MostClaims;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.authenticators.broker.AbstractIdpAuthenticator;
import org.keycloak.authentication.authenticators.broker.util.SerializedBrokeredIdentityContext;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.events.Errors;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * First broker login: links the citizen to the existing local user whose attribute (configurable,
 * default {@code most_person_identifier}) holds the same eIDAS person identifier. Never by e-mail.
 * No match: the next step of the flow (for example "create user") runs. Two or more matches: the
 * login is refused with a clear message, since guessing would hand one person's account to another.
 */
public class LinkByPersonIdentifierAuthenticator extends AbstractIdpAuthenticator {
  private static final Logger LOG = Logger.getLogger(LinkByPersonIdentifierAuthenticator.class);
  static final String USER_ATTRIBUTE = "user.attribute";
  static final String DEFAULT_ATTRIBUTE = "most_person_identifier";
  static final String AMBIGUOUS_MESSAGE = "mostAmbiguousPersonIdentifier";

  @Override
  protected void authenticateImpl(
      AuthenticationFlowContext context,
      SerializedBrokeredIdentityContext serialized,
      BrokeredIdentityContext brokerContext) {
    Optional<String> identifier =
        MostClaims.attribute(brokerContext, CommonAttribute.PERSON_IDENTIFIER);
    if (identifier.isEmpty()) {
      context.attempted();
      return;
    }
    String attribute = attribute(context.getAuthenticatorConfig());
    KeycloakSession session = context.getSession();
    RealmModel realm = context.getRealm();
    List<UserModel> matches =
        session
            .users()
            .searchForUserByUserAttributeStream(realm, attribute, identifier.get())
            .limit(2)
            .toList();
    if (matches.isEmpty()) {
      context.attempted();
    } else if (matches.size() > 1) {
      LOG.warnf("More than one user of realm %s has the same %s", realm.getName(), attribute);
      sendFailureChallenge(
          context,
          Response.Status.CONFLICT,
          Errors.FEDERATED_IDENTITY_EXISTS,
          AMBIGUOUS_MESSAGE,
          AuthenticationFlowError.USER_CONFLICT);
    } else if (!matches.get(0).isEnabled()) {
      sendFailureChallenge(
          context,
          Response.Status.BAD_REQUEST,
          Errors.USER_DISABLED,
          "accountDisabledMessage",
          AuthenticationFlowError.USER_DISABLED);
    } else {
      context.setUser(matches.get(0));
      context.success();
    }
  }

  static String attribute(AuthenticatorConfigModel config) {
    String configured = config == null ? null : config.getConfig().get(USER_ATTRIBUTE);
    return configured == null || configured.isBlank() ? DEFAULT_ATTRIBUTE : configured;
  }

  @Override
  protected void actionImpl(
      AuthenticationFlowContext context,
      SerializedBrokeredIdentityContext serialized,
      BrokeredIdentityContext brokerContext) {
    authenticateImpl(context, serialized, brokerContext);
  }

  @Override
  public boolean requiresUser() {
    return false;
  }

  @Override
  public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
    return true;
  }
}
