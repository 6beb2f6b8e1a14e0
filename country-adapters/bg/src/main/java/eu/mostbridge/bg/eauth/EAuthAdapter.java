package eu.mostbridge.bg.eauth;

import eu.mostbridge.adapter.AuthenticationFailure;
import eu.mostbridge.adapter.AuthenticationFailure.Reason;
import eu.mostbridge.adapter.AuthenticationRequest;
import eu.mostbridge.adapter.AuthenticationStart;
import eu.mostbridge.adapter.BrowserStep;
import eu.mostbridge.adapter.CountryAdapter;
import eu.mostbridge.adapter.NationalAnswer;
import eu.mostbridge.adapter.PendingAuthentication;
import eu.mostbridge.adapter.RelaxationLog;
import eu.mostbridge.identity.CommonIdentity;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.LevelOfAssurance;
import eu.mostbridge.replay.ReplayCache;
import eu.mostbridge.saml.IdentityProviderPeer;
import eu.mostbridge.saml.PostBinding;
import eu.mostbridge.saml.SamlMessages;
import eu.mostbridge.saml.SamlResponseValidator;
import eu.mostbridge.saml.SamlXmlParser;
import eu.mostbridge.saml.ValidatedAssertion;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.opensaml.saml.saml2.core.AuthnRequest;

/**
 * Bulgaria's eAuth v2 as a country adapter: a signed AuthnRequest naming the service whose level of
 * assurance eAuth enforces, then the complete validation of eAuth's SAML answer and its mapping to
 * the common identity.
 *
 * <p>eAuth's assertion does not carry the level reached (its AuthnContextClassRef is always {@code
 * Password}); eAuth only offers login methods at or above the requested service's level, so the
 * achieved level is that service's level.
 */
public final class EAuthAdapter implements CountryAdapter {
  static final String LEVEL = "level";

  private final EAuthSettings settings;
  private final Supplier<IdentityProviderPeer> idp;
  private final EAuthRequestBuilder requests;
  private final SamlResponseValidator validator;
  private final EAuthIdentityMapper mapper;
  private final Clock clock;

  /** An adapter trusting the IdP as configured in {@code settings}. */
  public EAuthAdapter(EAuthSettings settings, ReplayCache replayCache, Clock clock) {
    this(settings, settings::idp, replayCache, clock);
  }

  /**
   * An adapter whose IdP trust (SSO URL, signing keys) comes from refreshed metadata ({@link
   * eu.mostbridge.saml.metadata.RefreshingMetadata}); {@code settings.idp()} is then only the first
   * version.
   */
  public EAuthAdapter(
      EAuthSettings settings,
      Supplier<IdentityProviderPeer> idp,
      ReplayCache replayCache,
      Clock clock) {
    this.settings = settings;
    this.idp = idp;
    this.requests = new EAuthRequestBuilder(settings);
    this.mapper = new EAuthIdentityMapper(settings.placeholderNames());
    this.validator =
        new SamlResponseValidator(settings.sp(), idp, replayCache, clock, new SamlXmlParser());
    this.clock = clock;
    RelaxationLog.announce(settings.id(), relaxations());
  }

  @Override
  public java.util.Optional<eu.mostbridge.adapter.FailedAnswerLimit> failedAnswerLimit() {
    return idp.get().failedAnswerLimit();
  }

  @Override
  public Set<String> relaxations() {
    return idp.get().relaxations();
  }

  @Override
  public String id() {
    return settings.id();
  }

  @Override
  public CountryCode country() {
    return CountryCode.BG;
  }

  @Override
  public Set<LevelOfAssurance> supportedLevels() {
    return settings.serviceOids().keySet();
  }

  @Override
  public AuthenticationStart start(AuthenticationRequest request) throws AuthenticationFailure {
    LevelOfAssurance level = levelFor(request.minimumLevel());
    Instant now = clock.instant();
    String id = SamlMessages.newId();
    IdentityProviderPeer peer = idp.get();
    AuthnRequest authnRequest =
        requests.build(peer, id, now, level, request.forceReauthentication());
    BrowserStep step =
        settings
            .binding()
            .carry(authnRequest, settings.sp().signing(), settings.requestSignatureAlgorithm());
    PendingAuthentication pending =
        new PendingAuthentication(
            id(),
            id,
            request.minimumLevel(),
            request.destination(),
            now.plus(settings.pendingLifetime()),
            PendingAuthentication.protocolState(
                Map.of(LEVEL, level.name()), request.forceReauthentication(), now));
    return new AuthenticationStart(step, pending);
  }

  @Override
  public String correlationOf(NationalAnswer answer) throws AuthenticationFailure {
    return validator.inResponseTo(PostBinding.postedResponse(answer));
  }

  @Override
  public CommonIdentity complete(NationalAnswer answer, PendingAuthentication pending)
      throws AuthenticationFailure {
    pending.requireOpenFor(id(), clock.instant());
    ValidatedAssertion assertion = validator.validate(PostBinding.postedResponse(answer), pending);
    LevelOfAssurance level;
    try {
      level = LevelOfAssurance.valueOf(pending.protocolState().get(LEVEL));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new AuthenticationFailure(
          Reason.MALFORMED_ANSWER, "The pending login's state is damaged");
    }
    if (!level.satisfies(pending.requestedLevel())) {
      throw new AuthenticationFailure(
          Reason.LEVEL_TOO_LOW, "eAuth's level is below the minimum asked for");
    }
    return mapper.map(assertion, pending.destination(), level);
  }
}
