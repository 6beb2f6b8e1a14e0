package eu.mostbridge.broker.state;

import eu.mostbridge.adapter.PendingAuthentication;
import eu.mostbridge.broker.flow.LoginFlow;
import eu.mostbridge.broker.flow.LoginRequest;
import eu.mostbridge.broker.flow.OidcReturn;
import eu.mostbridge.broker.flow.ValidatedAuthorization;
import eu.mostbridge.identity.CommonIdentity;
import java.time.Instant;
import java.util.Optional;

/**
 * A login as the caches hold it. Replicas of two versions share the caches during a rolling
 * upgrade, so this shape, not {@link LoginFlow}'s, is the contract (StateCodecTest fixes it): an
 * OpenID Connect login keeps its request as one object with every field of the authorization
 * request, whatever the login's own types become.
 */
record StoredLogin(
    String id,
    String browser,
    ValidatedAuthorization request,
    String csrf,
    Instant started,
    Instant stepStarted,
    Optional<String> method,
    Optional<PendingAuthentication> national,
    Optional<CommonIdentity> identity,
    Optional<String> language) {

  static StoredLogin of(LoginFlow flow) {
    LoginRequest login = flow.request();
    if (!(flow.channel() instanceof OidcReturn oidc)) {
      throw new IllegalStateException("No stored form for " + flow.channel().getClass());
    }
    ValidatedAuthorization request =
        new ValidatedAuthorization(
            oidc.client(),
            oidc.redirectUri(),
            oidc.state(),
            oidc.nonce(),
            oidc.codeChallenge(),
            login.countries(),
            login.minimumLevel(),
            login.uiLocale(),
            login.forceLogin(),
            login.maxAge(),
            oidc.claims(),
            oidc.scope());
    return new StoredLogin(
        flow.id(),
        flow.browser(),
        request,
        flow.csrf(),
        flow.started(),
        flow.stepStarted(),
        flow.method(),
        flow.national(),
        flow.identity(),
        flow.language());
  }

  LoginFlow toFlow() {
    return new LoginFlow(
        id,
        browser,
        request.login(),
        request.channel(),
        csrf,
        started,
        stepStarted,
        method,
        national,
        identity,
        language);
  }
}
