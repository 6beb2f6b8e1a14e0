package eu.mostbridge.broker.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import eu.mostbridge.adapter.PendingAuthentication;
import eu.mostbridge.broker.connector.ConnectorRegistration;
import eu.mostbridge.broker.flow.LoginFlow;
import eu.mostbridge.broker.flow.LoginRequest;
import eu.mostbridge.broker.flow.OidcReturn;
import eu.mostbridge.broker.flow.SamlReturn;
import eu.mostbridge.broker.flow.ValidatedAuthorization;
import eu.mostbridge.identity.CommonIdentity;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.saml.eidas.EidasAuthnRequest;
import java.time.Instant;
import java.util.Optional;

/**
 * A login as the caches hold it. Replicas of two versions share the caches during a rolling
 * upgrade, so this shape, not {@link LoginFlow}'s, is the contract (StateCodecTest fixes it): an
 * OpenID Connect login keeps its request as one object with every field of the authorization
 * request, whatever the login's own types become, and nothing else. An eIDAS login has no such
 * request ({@code null}) and its own {@code saml} object, which a replica of a version before the
 * eIDAS face does not know: it treats the entry as gone.
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
    Optional<String> language,
    @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<StoredSaml> saml) {

  /**
   * An eIDAS login's own part.
   *
   * @param connector the connector, stored by id
   * @param country the identity provider's country
   * @param login what the login must achieve
   * @param request the AuthnRequest as accepted
   */
  record StoredSaml(
      ConnectorRegistration connector,
      CountryCode country,
      LoginRequest login,
      EidasAuthnRequest request) {}

  static StoredLogin of(LoginFlow flow) {
    LoginRequest login = flow.request();
    if (flow.channel() instanceof SamlReturn saml) {
      return new StoredLogin(
          flow.id(),
          flow.browser(),
          null,
          flow.csrf(),
          flow.started(),
          flow.stepStarted(),
          flow.method(),
          flow.national(),
          flow.identity(),
          flow.language(),
          Optional.of(new StoredSaml(saml.connector(), saml.country(), login, saml.request())));
    }
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
        flow.language(),
        Optional.empty());
  }

  LoginFlow toFlow() {
    if (saml.isPresent()) {
      StoredSaml stored = saml.get();
      return new LoginFlow(
          id,
          browser,
          stored.login(),
          new SamlReturn(stored.connector(), stored.country(), stored.request()),
          csrf,
          started,
          stepStarted,
          method,
          national,
          identity,
          language);
    }
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
