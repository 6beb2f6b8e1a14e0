package eu.mostbridge.keycloak.national;

import eu.mostbridge.adapter.AuthenticationFailure;
import eu.mostbridge.adapter.AuthenticationStart;
import eu.mostbridge.adapter.BrowserStep;
import eu.mostbridge.adapter.FormPostPage;
import eu.mostbridge.identity.LevelOfAssurance;
import eu.mostbridge.keycloak.EidasLevel;
import eu.mostbridge.keycloak.broker.ProvedLogin;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.broker.provider.AbstractIdentityProvider;
import org.keycloak.broker.provider.AuthenticationRequest;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.services.ErrorPage;
import org.keycloak.services.Urls;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.theme.Theme;
import org.keycloak.urls.UrlType;

/**
 * A national eID reached by Keycloak directly: a login sends the citizen to the national eID with
 * the request its adapter built (signed where the protocol signs), keeping the adapter's pending
 * state in the authentication session and the way back to that session, by the request's
 * correlation, in Keycloak's single-use store; {@link NationalEidEndpoint} takes the answer.
 */
public class NationalEidProvider extends AbstractIdentityProvider<NationalEidProviderConfig> {
  private static final Logger LOG = Logger.getLogger(NationalEidProvider.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final NationalEidProviderFactory factory;

  NationalEidProvider(
      KeycloakSession session,
      NationalEidProviderConfig config,
      NationalEidProviderFactory factory) {
    super(session, config);
    this.factory = factory;
  }

  NationalEidProviderFactory factory() {
    return factory;
  }

  /** Where the national eID answers: {@code /realms/<realm>/broker/<alias>/endpoint}. */
  URI endpoint(URI baseUri, RealmModel realm) {
    return Urls.identityProviderAuthnResponse(baseUri, getConfig().getAlias(), realm.getName());
  }

  /**
   * Where the national eID answers, under the realm's frontend URL (never a request's own Host).
   */
  URI endpoint(KeycloakSession session, RealmModel realm) {
    return endpoint(session.getContext().getUri(UrlType.FRONTEND).getBaseUri(), realm);
  }

  /** The eID of this provider, answering at its endpoint. */
  DirectEid eid(KeycloakSession session, RealmModel realm) {
    return factory.adapter(getConfig(), endpoint(session, realm), session);
  }

  /** The key that leads an answer's correlation back to its login. */
  String correlationKey(String correlation) {
    return "most.national-login." + getConfig().getInternalId() + "." + correlation;
  }

  @Override
  public Response performLogin(AuthenticationRequest request) {
    AuthenticationSessionModel authSession = request.getAuthenticationSession();
    RealmModel realm = request.getRealm();
    Locale locale = session.getContext().resolveLocale(null);
    try {
      DirectEid eid = eid(session, realm);
      eid.freshen().run();
      EidasLevel required = ProvedLogin.required(getConfig().getMinimumLevel(), authSession);
      AuthenticationStart start =
          eid.adapter()
              .start(
                  new eu.mostbridge.adapter.AuthenticationRequest(
                      LevelOfAssurance.valueOf(required.name()),
                      eid.adapter().fixedDestination().orElseGet(getConfig()::getDestination),
                      endpoint(session, realm),
                      locale,
                      forcesAuthentication(authSession)));
      PendingNotes.keep(authSession, start.pending());
      long lifespan =
          Math.max(1, Duration.between(Instant.now(), start.pending().expiresAt()).toSeconds() + 1);
      session
          .singleUseObjects()
          .put(
              correlationKey(start.pending().correlationId()),
              lifespan,
              Map.of(NationalEidEndpoint.STATE, request.getState().getEncoded()));
      LOG.debugf(
          "Identity provider %s: a login goes to %s at %s or above",
          getConfig().getAlias(), eid.adapter().id(), required);
      return browserStep(start.step(), locale);
    } catch (AuthenticationFailure e) {
      LOG.warnf(
          "Identity provider %s: %s (%s)", getConfig().getAlias(), e.getMessage(), e.reason());
      return e.reason() == AuthenticationFailure.Reason.LEVEL_UNAVAILABLE
          ? ErrorPage.error(
              session, authSession, Response.Status.BAD_REQUEST, "mostLevelUnavailable")
          : ErrorPage.error(
              session, authSession, Response.Status.SERVICE_UNAVAILABLE, "mostNationalUnavailable");
    } catch (RuntimeException e) {
      LOG.errorf("Identity provider %s cannot be used: %s", getConfig().getAlias(), e.getMessage());
      return ErrorPage.error(
          session, authSession, Response.Status.SERVICE_UNAVAILABLE, "mostNationalUnavailable");
    }
  }

  /**
   * Whether the client asked for a new authentication ({@code prompt=login} or {@code max_age}).
   */
  private static boolean forcesAuthentication(AuthenticationSessionModel authSession) {
    if (authSession == null) {
      return false;
    }
    String prompt = authSession.getClientNote(OIDCLoginProtocol.PROMPT_PARAM);
    boolean login =
        prompt != null
            && List.of(prompt.split(" ", -1)).contains(OIDCLoginProtocol.PROMPT_VALUE_LOGIN);
    return login || authSession.getClientNote(OIDCLoginProtocol.MAX_AGE_PARAM) != null;
  }

  /** A redirect, or the page that posts the national request (with its one nonce'd script). */
  private Response browserStep(BrowserStep step, Locale locale) {
    if (step instanceof BrowserStep.Redirect redirect) {
      return Response.seeOther(redirect.target()).header("Cache-Control", "no-store").build();
    }
    BrowserStep.FormPost post = (BrowserStep.FormPost) step;
    byte[] nonceBytes = new byte[16];
    RANDOM.nextBytes(nonceBytes);
    String nonce = Base64.getEncoder().encodeToString(nonceBytes);
    URI target = post.target();
    String origin = target.getScheme() + "://" + target.getRawAuthority();
    return Response.ok(
            FormPostPage.render(
                post, locale.getLanguage(), message(locale, "mostContinue", "Continue"), nonce),
            MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
        .header("Cache-Control", "no-store")
        .header(
            "Content-Security-Policy",
            "default-src 'none'; script-src 'nonce-"
                + nonce
                + "'; form-action "
                + origin
                + "; frame-ancestors 'none'; base-uri 'none'")
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "no-referrer")
        .build();
  }

  /** A text of the login theme in {@code locale}. */
  String message(Locale locale, String key, String fallback) {
    try {
      return session
          .theme()
          .getTheme(Theme.Type.LOGIN)
          .getMessages(locale)
          .getProperty(key, fallback);
    } catch (IOException e) {
      return fallback;
    }
  }

  @Override
  public Object callback(RealmModel realm, AuthenticationCallback callback, EventBuilder event) {
    return new NationalEidEndpoint(session, realm, this, callback, event);
  }

  /**
   * Keycloak's SAML service provider metadata towards a SAML national eID, signed with its key (the
   * admin console's export, and {@code .../endpoint/descriptor}); nothing for OpenID Connect.
   */
  @Override
  public Response export(UriInfo uriInfo, RealmModel realm, String format) {
    return metadata(session, realm);
  }

  Response metadata(KeycloakSession session, RealmModel realm) {
    DirectEid eid;
    try {
      eid = eid(session, realm);
    } catch (RuntimeException e) {
      LOG.errorf("Identity provider %s cannot be used: %s", getConfig().getAlias(), e.getMessage());
      return Response.status(Response.Status.SERVICE_UNAVAILABLE)
          .type(MediaType.TEXT_PLAIN_TYPE)
          .entity("This identity provider is not configured completely.")
          .build();
    }
    if (eid.metadata().isEmpty()) {
      return Response.status(Response.Status.NOT_FOUND)
          .type(MediaType.TEXT_PLAIN_TYPE)
          .entity("This identity provider speaks OpenID Connect: it has no SAML metadata.")
          .build();
    }
    return Response.ok(eid.metadata().get().apply(Instant.now()), "application/samlmetadata+xml")
        .header("Cache-Control", "no-cache")
        .build();
  }

  /** What the login proved, noted for the realm's tokens and the step-up, as through Most. */
  @Override
  public void authenticationFinished(
      AuthenticationSessionModel authSession,
      org.keycloak.broker.provider.BrokeredIdentityContext context) {
    super.authenticationFinished(authSession, context);
    ProvedLogin.noteOnSession(authSession, context);
  }

  @Override
  public Response retrieveToken(KeycloakSession session, FederatedIdentityModel identity) {
    return exchangeNotSupported();
  }
}
