package eu.mostbridge.keycloak.national;

import eu.mostbridge.adapter.AnswerAdmission;
import eu.mostbridge.adapter.AuthenticationFailure;
import eu.mostbridge.adapter.CountryAdapter;
import eu.mostbridge.adapter.FailedAnswerLimit;
import eu.mostbridge.adapter.NationalAnswer;
import eu.mostbridge.adapter.PendingAuthentication;
import eu.mostbridge.identity.CommonIdentity;
import eu.mostbridge.identity.PersonName;
import eu.mostbridge.keycloak.CommonAttribute;
import eu.mostbridge.keycloak.MostRealm;
import eu.mostbridge.keycloak.broker.MostClaims;
import eu.mostbridge.keycloak.broker.ProvedLogin;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.broker.provider.UserAuthenticationIdentityProvider.AuthenticationCallback;
import org.keycloak.broker.provider.util.IdentityBrokerState;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.ErrorPage;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Where a national eID answers ({@code /realms/<realm>/broker/<alias>/endpoint}, by HTTP-POST or a
 * redirect), and where a SAML eID reads Keycloak's metadata ({@code .../endpoint/descriptor}).
 *
 * <p>An answer is led back to its login by its correlation (SAML {@code InResponseTo}, OIDC {@code
 * state}) and Keycloak's check that the browser holds that login; then the adapter validates it
 * against the login's pending state, as in Most's broker. What the national eID decided (the
 * citizen cancelled, a level not reached, its own error, an identity that fails its checks) ends
 * the national leg and Keycloak shows it on the login page; an answer nobody can stand behind
 * (forged, replayed, late) is refused with a page while the login keeps waiting for the genuine
 * one, except where the eID's answers must not become a decryption oracle (eAuth): there each login
 * reads a bounded number of answers, its slot taken before the answer is decrypted, and an address
 * whose answers failed too often has them refused unread for a while ({@link FailedAnswers}).
 */
public class NationalEidEndpoint {
  private static final Logger LOG = Logger.getLogger(NationalEidEndpoint.class);

  /** The path of Keycloak's SAML metadata under the endpoint, also its entity ID. */
  static final String DESCRIPTOR = "descriptor";

  /** The single-use entry's field holding Keycloak's encoded broker state of the login. */
  static final String STATE = "state";

  /** Longer than any request ID or state an adapter makes. */
  private static final int MAX_CORRELATION_LENGTH = 256;

  private final KeycloakSession session;
  private final RealmModel realm;
  private final NationalEidProvider provider;
  private final AuthenticationCallback callback;
  private final EventBuilder event;

  NationalEidEndpoint(
      KeycloakSession session,
      RealmModel realm,
      NationalEidProvider provider,
      AuthenticationCallback callback,
      EventBuilder event) {
    this.session = session;
    this.realm = realm;
    this.provider = provider;
    this.callback = callback;
    this.event = event;
  }

  /** An answer by redirect (OpenID Connect, SAML HTTP-Redirect). */
  @GET
  public Response answerByRedirect() {
    return answer("GET", session.getContext().getUri().getQueryParameters());
  }

  /** An answer by HTTP-POST (SAML). */
  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response answerByPost() {
    return answer("POST", session.getContext().getHttpRequest().getDecodedFormParameters());
  }

  /** Keycloak's signed SAML service provider metadata, at its entity ID. */
  @GET
  @Path(DESCRIPTOR)
  public Response descriptor() {
    return provider.metadata(session, realm);
  }

  private Response answer(String method, MultivaluedMap<String, String> received) {
    String alias = provider.getConfig().getAlias();
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    received.forEach(parameters::put);
    NationalAnswer answer = new NationalAnswer(method, parameters);
    DirectEid eid;
    try {
      eid = provider.eid(session, realm);
    } catch (RuntimeException e) {
      LOG.errorf("Identity provider %s cannot be used: %s", alias, e.getMessage());
      return ErrorPage.error(
          session, null, Response.Status.SERVICE_UNAVAILABLE, "mostNationalUnavailable");
    }
    // A node that never read a ProxyService's metadata (another node started the login) reads it
    // now, rather than refusing the answer.
    eid.freshen().run();
    CountryAdapter adapter = eid.adapter();
    Optional<FailedAnswerLimit> limit = adapter.failedAnswerLimit();
    AnswerAdmission admission =
        new AnswerAdmission(
            new SingleUseSlots(session.singleUseObjects(), provider.factory().clock()),
            provider.factory().clock());
    String source = clientAddress();
    String counted = provider.getConfig().getInternalId();
    String correlation;
    try {
      correlation = adapter.correlationOf(answer);
    } catch (AuthenticationFailure e) {
      return unsolicited(adapter, e.reason().name(), e.getMessage());
    }
    if (correlation.length() > MAX_CORRELATION_LENGTH) {
      return unsolicited(adapter, "WRONG_PARTY", "The answer names no request made here");
    }
    String key = provider.correlationKey(correlation);
    Map<String, String> waiting = session.singleUseObjects().get(key);
    if (waiting == null || waiting.get(STATE) == null) {
      return unsolicited(adapter, "WRONG_PARTY", "The answer names no login waiting here");
    }
    // The login this browser holds (its authentication-session cookie), found without using up
    // the login's code: an answer that fails leaves the login waiting for the genuine one, and
    // only an answer that ends the national leg goes through Keycloak's full check.
    Optional<AuthenticationSessionModel> held = heldLogin(waiting.get(STATE));
    if (held.isEmpty()) {
      return unsolicited(adapter, "WRONG_PARTY", "No login of this browser waits for the answer");
    }
    AuthenticationSessionModel authSession = held.get();
    session.getContext().setAuthenticationSession(authSession);
    Optional<PendingAuthentication> pending =
        PendingNotes.read(authSession)
            .filter(p -> p.adapterId().equals(adapter.id()))
            .filter(p -> p.correlationId().equals(correlation));
    if (pending.isEmpty()) {
      return unsolicited(adapter, "WRONG_PARTY", "The login no longer waits for this answer");
    }
    if (!ProvedLogin.realmIsSafe(session, alias)) {
      return ErrorPage.error(
          session, authSession, Response.Status.FORBIDDEN, MostRealm.UNSAFE_MESSAGE);
    }
    if (limit.isPresent()) {
      // Decided before anything is decrypted, so that answers sent together are bounded too.
      AnswerAdmission.Admission admitted =
          admission.admit(counted, correlation, source, limit.get());
      if (admitted instanceof AnswerAdmission.SourceRefused refused) {
        audit(adapter, refused.busy() ? "SOURCE_BUSY" : "SOURCE_EXHAUSTED", "refused unread");
        return ErrorPage.error(
            session, authSession, Response.Status.TOO_MANY_REQUESTS, "mostTooManyAnswers");
      }
      if (admitted instanceof AnswerAdmission.LoginExhausted) {
        return end(
            adapter,
            waiting.get(STATE),
            key,
            "ANSWERS_EXHAUSTED",
            "The login's answers failed validation too often",
            verified -> callback.error(provider.getConfig(), "mostAnswersExhausted"));
      }
    }
    CommonIdentity identity;
    try {
      identity = adapter.complete(answer, pending.get());
    } catch (RuntimeException e) {
      // A part the adapter could not read: refused like any answer that fails its checks.
      return failed(
          adapter,
          authSession,
          waiting.get(STATE),
          key,
          new AuthenticationFailure(
              AuthenticationFailure.Reason.MALFORMED_ANSWER,
              "The answer could not be read: " + e.getClass().getSimpleName(),
              e));
    } catch (AuthenticationFailure failure) {
      if (limit.isPresent()) {
        admission.failed(counted, source, limit.get());
      }
      return failed(adapter, authSession, waiting.get(STATE), key, failure);
    }
    String id;
    try {
      id = PseudonymKeys.federatedId(eid.pseudonymKey(), identity.personIdentifier());
    } catch (RuntimeException e) {
      LOG.errorf("Identity provider %s cannot be used: %s", alias, e.getMessage());
      return ErrorPage.error(
          session, authSession, Response.Status.SERVICE_UNAVAILABLE, "mostNationalUnavailable");
    }
    return end(
        adapter,
        waiting.get(STATE),
        key,
        null,
        null,
        verified -> authenticated(adapter, verified, identity, id));
  }

  /** The client's address, as Keycloak reads it (behind a proxy, by its proxy-headers setting). */
  private String clientAddress() {
    String address = session.getContext().getConnection().getRemoteAddr();
    return address == null ? "unknown" : address;
  }

  /**
   * The login {@code encodedState} names, if this browser holds it: the authentication session of
   * the browser's cookie for the state's client and tab.
   */
  private Optional<AuthenticationSessionModel> heldLogin(String encodedState) {
    try {
      IdentityBrokerState state = IdentityBrokerState.encoded(encodedState, realm);
      ClientModel client =
          state.getClientId() == null ? null : realm.getClientByClientId(state.getClientId());
      if (client == null || state.getTabId() == null) {
        return Optional.empty();
      }
      return Optional.ofNullable(
          new AuthenticationSessionManager(session)
              .getCurrentAuthenticationSession(realm, client, state.getTabId()));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Ends the national leg once: Keycloak's full check of the login (its cookie and the login's
   * code, which it uses up), the way back from the correlation taken, the pending state cleared;
   * then {@code then} answers with the login Keycloak verified. A second answer to the same login
   * finds the way back gone.
   */
  private Response end(
      CountryAdapter adapter,
      String encodedState,
      String key,
      String reason,
      String detail,
      java.util.function.Function<AuthenticationSessionModel, Response> then) {
    AuthenticationSessionModel verified = callback.getAndVerifyAuthenticationSession(encodedState);
    session.getContext().setAuthenticationSession(verified);
    if (session.singleUseObjects().remove(key) == null) {
      return refused(adapter, verified, "REPLAYED", "mostAnswerLate", Response.Status.BAD_REQUEST);
    }
    PendingNotes.clear(verified);
    if (reason != null) {
      audit(adapter, reason, detail);
    }
    return then.apply(verified);
  }

  private Response authenticated(
      CountryAdapter adapter,
      AuthenticationSessionModel authSession,
      CommonIdentity identity,
      String id) {
    NationalEidProviderConfig config = provider.getConfig();
    BrokeredIdentityContext context = new BrokeredIdentityContext(id, config);
    context.setIdp(provider);
    context.setAuthenticationSession(authSession);
    context.setBrokerUserId(id);
    context.setUsername("most-" + id);
    Optional<CommonAttribute> tooLong =
        ProvedLogin.keep(
            context, claims(identity), identity.authenticationInstant().getEpochSecond());
    if (tooLong.isPresent()) {
      LOG.warnf(
          "Identity provider %s: the national eID's %s is longer than %d characters; refused",
          config.getAlias(), tooLong.get(), MostClaims.MAX_VALUE_LENGTH);
      return ErrorPage.error(session, authSession, Response.Status.FORBIDDEN, "mostValueTooLong");
    }
    context.setFirstName(identity.givenName().latin());
    context.setLastName(identity.familyName().latin());
    LOG.debugf(
        "Identity provider %s: %s authenticated a citizen at %s",
        config.getAlias(), adapter.id(), identity.levelOfAssurance());
    return callback.authenticated(context);
  }

  /** The login's answer failed: see the class comment for what ends the national leg. */
  private Response failed(
      CountryAdapter adapter,
      AuthenticationSessionModel authSession,
      String encodedState,
      String key,
      AuthenticationFailure failure) {
    NationalEidProviderConfig config = provider.getConfig();
    if (failure.reason().decidedByNationalEid()) {
      return end(
          adapter,
          encodedState,
          key,
          failure.reason().name(),
          failure.getMessage(),
          verified ->
              switch (failure.reason()) {
                case CANCELLED -> callback.cancelled(config);
                case INVALID_IDENTITY -> callback.error(config, "mostInvalidIdentity");
                case PLACEHOLDER_IDENTITY -> callback.error(config, "mostPlaceholderIdentity");
                case NATIONAL_ERROR -> callback.error(config, "mostNationalError");
                default -> callback.error(config, "mostLevelTooLow");
              });
    }
    audit(adapter, failure.reason().name(), failure.getMessage());
    String message =
        switch (failure.reason()) {
          case EXPIRED, REPLAYED -> "mostAnswerLate";
          case NATIONAL_UNAVAILABLE, STATE_UNAVAILABLE -> "mostNationalUnavailable";
          default -> "mostAnswerUntrusted";
        };
    Response.Status status =
        message.equals("mostNationalUnavailable")
            ? Response.Status.SERVICE_UNAVAILABLE
            : Response.Status.BAD_REQUEST;
    return ErrorPage.error(session, authSession, status, message);
  }

  private Response refused(
      CountryAdapter adapter,
      AuthenticationSessionModel authSession,
      String reason,
      String message,
      Response.Status status) {
    audit(adapter, reason, "refused");
    return ErrorPage.error(session, authSession, status, message);
  }

  /** An answer that finds no login of this browser waiting: refused, nothing else changes. */
  private Response unsolicited(CountryAdapter adapter, String reason, String detail) {
    audit(adapter, reason, detail);
    return ErrorPage.error(session, null, Response.Status.BAD_REQUEST, "mostAnswerUnsolicited");
  }

  /**
   * An event in Keycloak's event store and a line in its log: the eID, the reason and the adapter's
   * description, which never holds personal data; the relaxations the eID runs with.
   */
  private void audit(CountryAdapter adapter, String reason, String detail) {
    event
        .event(EventType.IDENTITY_PROVIDER_RESPONSE)
        .detail("identity_provider", provider.getConfig().getAlias())
        .detail("national_eid", adapter.id())
        .detail("reason", reason)
        .error("most_national_answer_refused");
    LOG.warnf(
        "Identity provider %s (%s) refused an answer: %s (%s); relaxations %s",
        provider.getConfig().getAlias(), adapter.id(), reason, detail, adapter.relaxations());
  }

  /**
   * The citizen's claims in the shape of Most's ID token, so one mapping ({@link CommonAttribute})
   * reads both.
   */
  static Map<String, Object> claims(CommonIdentity identity) {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("person_identifier", identity.personIdentifier().toEidasForm());
    claims.put("given_name", identity.givenName().latin());
    claims.put("family_name", identity.familyName().latin());
    nativeForm(claims, "given_name#", identity.givenName());
    nativeForm(claims, "family_name#", identity.familyName());
    claims.put("birthdate", identity.dateOfBirth().toString());
    identity.gender().ifPresent(g -> claims.put("gender", g.claimValue()));
    claims.put("acr", identity.levelOfAssurance().uri());
    claims.put("auth_time", identity.authenticationInstant().getEpochSecond());
    return claims;
  }

  private static void nativeForm(Map<String, Object> claims, String prefix, PersonName name) {
    if (name.nativeForm().isPresent() && name.nativeScript().isPresent()) {
      claims.put(prefix + name.nativeScript().get().languageTag(), name.nativeForm().get());
    }
  }
}
