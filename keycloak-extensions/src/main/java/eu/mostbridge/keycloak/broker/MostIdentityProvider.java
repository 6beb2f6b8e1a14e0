package eu.mostbridge.keycloak.broker;

import eu.mostbridge.keycloak.CommonAttribute;
import eu.mostbridge.keycloak.EidasLevel;
import eu.mostbridge.keycloak.MostRealm;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.broker.oidc.OIDCIdentityProvider;
import org.keycloak.broker.provider.AuthenticationRequest;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.broker.provider.IdentityBrokerException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.JWTAuthorizationGrantValidationContext;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.representations.JsonWebToken;
import org.keycloak.services.ErrorPageException;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Keycloak's OpenID Connect brokering, towards Most: each login asks Most for the configured
 * countries ({@code eidas:country:*} scopes) and the level the login needs ({@code acr_values}: the
 * realm's minimum, or the higher one a step-up asks for), and the level Most reports is checked
 * against that same level here, before the login completes: a browser that edits {@code acr_values}
 * on its way to Most gets nothing for it.
 *
 * <p>What the login proved is kept where no user can write: the login's context (for the first
 * login flow and the mappers) and the user session's notes (for the realm's tokens). A realm where
 * users can edit the attributes Most writes is refused, with the reason in the server log.
 */
public class MostIdentityProvider extends OIDCIdentityProvider {
  private static final Logger LOG = Logger.getLogger(MostIdentityProvider.class);

  /** Authentication-session note: a stronger minimum a step-up asks for (an {@code EidasLevel}). */
  public static final String STEP_UP_NOTE = "most.step_up_level";

  /** User-session note: the level Most reached at this session's login (an {@code EidasLevel}). */
  public static final String LEVEL_SESSION_NOTE = "most.level";

  /** User-session note: when the citizen authenticated at that login (epoch seconds). */
  public static final String LEVEL_TIME_NOTE = "most.level_time";

  /**
   * User-session note: when Keycloak finished this session's last login through Most (epoch
   * seconds); the claims mapper releases Most's claims only while no later login replaced it.
   */
  public static final String FINISHED_NOTE = "most.finished";

  /** Slack for clocks and for the moment between Most's answer and Keycloak's check. */
  private static final long CLOCK_SKEW_SECONDS = 60;

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
    AuthenticationSessionModel authSession = request.getAuthenticationSession();
    url.replaceQueryParam("acr_values", required(authSession).uri());
    // What the client asked of the login's freshness, whatever the provider's own settings say:
    // Most and the national eID authenticate the citizen again.
    if (authSession != null && asksForLogin(authSession)) {
      url.replaceQueryParam(OIDCLoginProtocol.PROMPT_PARAM, OIDCLoginProtocol.PROMPT_VALUE_LOGIN);
    }
    maxAge(authSession).ifPresent(age -> url.replaceQueryParam("max_age", age));
    return url;
  }

  private static boolean asksForLogin(AuthenticationSessionModel authSession) {
    String prompt = authSession.getClientNote(OIDCLoginProtocol.PROMPT_PARAM);
    return prompt != null
        && List.of(prompt.split(" ")).contains(OIDCLoginProtocol.PROMPT_VALUE_LOGIN);
  }

  /** The client's {@code max_age}, in seconds, if it sent one. */
  private static Optional<Long> maxAge(AuthenticationSessionModel authSession) {
    String value =
        authSession == null ? null : authSession.getClientNote(OIDCLoginProtocol.MAX_AGE_PARAM);
    try {
      return value == null ? Optional.empty() : Optional.of(Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The realm's minimum, or the stronger one a step-up noted on {@code authSession}. */
  private EidasLevel required(AuthenticationSessionModel authSession) {
    return ProvedLogin.required(getConfig().getMinimumLevel(), authSession);
  }

  @Override
  public BrokeredIdentityContext getFederatedIdentity(String response) {
    BrokeredIdentityContext context = super.getFederatedIdentity(response);
    // Keycloak 26 sets the login's authentication session before it asks for the identity.
    AuthenticationSessionModel authSession = session.getContext().getAuthenticationSession();
    refuseUnsafeRealm(authSession);
    JsonWebToken idToken = (JsonWebToken) context.getContextData().get(VALIDATED_ID_TOKEN);
    Map<String, Object> claims = MostClaims.of(context);
    EidasLevel required = required(authSession);
    EidasLevel reached = EidasLevel.fromUri(claims.get("acr")).orElse(null);
    if (reached == null || !reached.satisfies(required)) {
      LOG.warnf(
          "Identity provider %s: Most answered at level %s where the login required %s; refused",
          getConfig().getAlias(), reached, required);
      throw refused(authSession, "mostLevelTooLow");
    }
    Object authTime = claims.get("auth_time");
    long authenticated =
        authTime instanceof Number seconds
            ? seconds.longValue()
            : idToken != null && idToken.getIat() != null
                ? idToken.getIat()
                : Instant.now().getEpochSecond();
    Optional<Long> maxAge = maxAge(authSession);
    if (maxAge.isPresent()
        && Instant.now().getEpochSecond() - authenticated > maxAge.get() + CLOCK_SKEW_SECONDS) {
      LOG.warnf(
          "Identity provider %s: the citizen authenticated longer ago than the client's max_age"
              + " (%d s); refused",
          getConfig().getAlias(), maxAge.get());
      throw refused(authSession, "mostLoginTooOld");
    }
    Optional<CommonAttribute> tooLong = ProvedLogin.keep(context, claims, authenticated);
    if (tooLong.isPresent()) {
      LOG.warnf(
          "Identity provider %s: Most's %s is longer than %d characters; the login is refused",
          getConfig().getAlias(), tooLong.get(), MostClaims.MAX_VALUE_LENGTH);
      throw refused(authSession, "mostValueTooLong");
    }
    return context;
  }

  /**
   * Notes what the login proved on the authentication session: Keycloak copies those notes to the
   * user session when the login completes, also when it continues an existing single sign-on
   * session (a step-up), where the brokered context's own session notes are not applied.
   */
  @Override
  public void authenticationFinished(
      AuthenticationSessionModel authSession, BrokeredIdentityContext context) {
    super.authenticationFinished(authSession, context);
    ProvedLogin.noteOnSession(authSession, context);
  }

  /**
   * Most's tokens are not exchanged for the realm's: an exchange would skip the level check and
   * what the login proved.
   */
  @Override
  protected boolean supportsExternalExchange() {
    return false;
  }

  /** Nor are they authorization grants (RFC 7523), for the same reason. */
  @Override
  public BrokeredIdentityContext validateAuthorizationGrantAssertion(
      JWTAuthorizationGrantValidationContext context) {
    throw new IdentityBrokerException("Most's tokens are not accepted as authorization grants");
  }

  /**
   * Refuses logins while users can edit an attribute this provider's mappers write: a user could
   * otherwise put a citizen's person identifier on their own account.
   */
  private void refuseUnsafeRealm(AuthenticationSessionModel authSession) {
    if (!ProvedLogin.realmIsSafe(session, getConfig().getAlias())) {
      throw refused(authSession, MostRealm.UNSAFE_MESSAGE);
    }
  }

  private WebApplicationException refused(AuthenticationSessionModel authSession, String message) {
    return new ErrorPageException(session, authSession, Response.Status.FORBIDDEN, message);
  }
}
