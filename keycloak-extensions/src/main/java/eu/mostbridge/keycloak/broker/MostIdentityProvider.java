package eu.mostbridge.keycloak.broker;

import eu.mostbridge.keycloak.CommonAttribute;
import eu.mostbridge.keycloak.EidasLevel;
import jakarta.ws.rs.core.UriBuilder;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.broker.oidc.OIDCIdentityProvider;
import org.keycloak.broker.provider.AuthenticationRequest;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.broker.provider.IdentityBrokerException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.JsonWebToken;

/**
 * Keycloak's OpenID Connect brokering, towards Most: each login asks Most for the configured
 * countries ({@code eidas:country:*} scopes) and the minimum level ({@code acr_values}), and the
 * level Most reports is checked again here, so a realm never accepts less than it configured.
 */
public class MostIdentityProvider extends OIDCIdentityProvider {
  private static final Logger LOG = Logger.getLogger(MostIdentityProvider.class);

  /** Authentication-session note: a stronger minimum a step-up asks for (an {@code EidasLevel}). */
  public static final String STEP_UP_NOTE = "most.step_up_level";

  /** User-session note: the level Most reached at this session's login (an {@code EidasLevel}). */
  public static final String LEVEL_SESSION_NOTE = "most.level";

  public MostIdentityProvider(KeycloakSession session, MostIdentityProviderConfig config) {
    super(session, config);
  }

  @Override
  public MostIdentityProviderConfig getConfig() {
    return (MostIdentityProviderConfig) super.getConfig();
  }

  @Override
  protected UriBuilder createAuthorizationUrl(AuthenticationRequest request) {
    UriBuilder url = super.createAuthorizationUrl(request);
    url.replaceQueryParam(
        "scope", MostScopes.scope(getConfig().getDefaultScope(), getConfig().getCountries()));
    url.replaceQueryParam("acr_values", minimum(request).uri());
    return url;
  }

  /**
   * Notes the level on the authentication session too: Keycloak copies those notes to the user
   * session when the login completes, also when it continues an existing single sign-on session (a
   * step-up), where the brokered context's own session notes are not applied.
   */
  @Override
  public void authenticationFinished(
      org.keycloak.sessions.AuthenticationSessionModel authSession,
      BrokeredIdentityContext context) {
    super.authenticationFinished(authSession, context);
    MostClaims.attribute(context, CommonAttribute.LEVEL_OF_ASSURANCE)
        .flatMap(EidasLevel::fromUri)
        .ifPresent(level -> authSession.setUserSessionNote(LEVEL_SESSION_NOTE, level.name()));
  }

  /** The configured minimum, or the stronger one a step-up asks for. */
  private EidasLevel minimum(AuthenticationRequest request) {
    EidasLevel configured = getConfig().getMinimumLevel();
    String stepUp =
        request.getAuthenticationSession() == null
            ? null
            : request.getAuthenticationSession().getAuthNote(STEP_UP_NOTE);
    return EidasLevel.fromName(stepUp).filter(l -> l.compareTo(configured) > 0).orElse(configured);
  }

  @Override
  public BrokeredIdentityContext getFederatedIdentity(String response) {
    BrokeredIdentityContext context = super.getFederatedIdentity(response);
    JsonWebToken idToken = (JsonWebToken) context.getContextData().get(VALIDATED_ID_TOKEN);
    Object acr = idToken == null ? null : idToken.getOtherClaims().get("acr");
    EidasLevel minimum = getConfig().getMinimumLevel();
    EidasLevel reached =
        EidasLevel.fromUri(acr)
            .orElseThrow(
                () ->
                    new IdentityBrokerException(
                        "Most's answer carries no eIDAS level of assurance"));
    if (!reached.satisfies(minimum)) {
      LOG.warnf(
          "Identity provider %s: level %s is below the realm's minimum %s",
          getConfig().getAlias(), reached, minimum);
      throw new IdentityBrokerException(
          "The level of assurance " + reached + " is below the minimum " + minimum);
    }
    context.setSessionNote(LEVEL_SESSION_NOTE, reached.name());
    // Plain strings survive the first-login flow, where Keycloak serializes the context.
    Map<String, Object> claims = MostClaims.of(context);
    for (CommonAttribute attribute : CommonAttribute.values()) {
      attribute
          .from(claims)
          .ifPresent(
              value -> context.getContextData().put(MostClaims.KEY_PREFIX + attribute, value));
    }
    return context;
  }
}
