package eu.mostbridge.keycloak.authenticator;

import eu.mostbridge.keycloak.CommonAttribute;
import eu.mostbridge.keycloak.MostRealm;
import eu.mostbridge.keycloak.broker.MostClaims;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
 * No match: the next step of the flow (for example "create user") runs. Two or more matches, or a
 * match already linked to another login through this provider: the login is refused with a clear
 * message, since guessing would hand one person's account to another.
 *
 * <p>It trusts only what a login through Most proved (the person identifier in the login's context,
 * put there by the Most identity provider), and an attribute only an administrator or a Most login
 * can write: logins through other providers are passed on unlinked, and a realm whose users can
 * edit the attribute is refused, with the reason in the server log.
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
    if (!MostRealm.isMost(brokerContext.getIdpConfig())) {
      LOG.warnf(
          "Realm %s: the Most link authenticator is in the first login flow of identity provider"
              + " %s, which is not a Most provider; it links nothing there",
          context.getRealm().getName(), brokerContext.getIdpConfig().getAlias());
      context.attempted();
      return;
    }
    Optional<String> identifier =
        MostClaims.attribute(brokerContext, CommonAttribute.PERSON_IDENTIFIER);
    if (identifier.isEmpty()) {
      context.attempted();
      return;
    }
    String attribute = attribute(context.getAuthenticatorConfig());
    KeycloakSession session = context.getSession();
    RealmModel realm = context.getRealm();
    if (!MostRealm.userEditable(session, Set.of(attribute)).isEmpty()) {
      LOG.errorf(
          "Realm %s: users can edit the attribute %s the Most link authenticator links by; no"
              + " login is linked until it is editable by admin only in the user profile"
              + " (docs/KEYCLOAK.md)",
          realm.getName(), attribute);
      sendFailureChallenge(
          context,
          Response.Status.FORBIDDEN,
          Errors.INVALID_CONFIG,
          MostRealm.UNSAFE_MESSAGE,
          AuthenticationFlowError.INTERNAL_ERROR);
      return;
    }
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
    } else if (session
            .users()
            .getFederatedIdentity(realm, matches.get(0), brokerContext.getIdpConfig().getAlias())
        != null) {
      // Linked to another login through this provider (another subject at Most): a second link
      // would fail in Keycloak's store, and which one is the person's is not ours to guess.
      LOG.warnf(
          "Realm %s: the user with the same %s is linked to another login through %s",
          realm.getName(), attribute, brokerContext.getIdpConfig().getAlias());
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
