package eu.mostbridge.saml;

import eu.mostbridge.adapter.AuthenticationFailure;
import eu.mostbridge.adapter.AuthenticationRequest;
import eu.mostbridge.adapter.AuthenticationStart;
import eu.mostbridge.adapter.ClaimsMapper;
import eu.mostbridge.adapter.CountryAdapter;
import eu.mostbridge.adapter.NationalAnswer;
import eu.mostbridge.adapter.NationalClaims;
import eu.mostbridge.adapter.PendingAuthentication;
import eu.mostbridge.adapter.RelaxationLog;
import eu.mostbridge.identity.CommonIdentity;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.LevelOfAssurance;
import eu.mostbridge.replay.ReplayCache;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opensaml.saml.saml2.core.AuthnContextClassRef;
import org.opensaml.saml.saml2.core.AuthnContextComparisonTypeEnumeration;
import org.opensaml.saml.saml2.core.AuthnRequest;
import org.opensaml.saml.saml2.core.RequestedAuthnContext;

/**
 * A country adapter for a SAML IdP that asks for and states the level of assurance in the
 * AuthnContextClassRef (eIDAS style: RequestedAuthnContext with comparison {@code minimum}). The
 * validated attributes become {@link NationalClaims} (by attribute Name, first value), read by the
 * country's {@link ClaimsMapper}; the achieved level is the answered AuthnContextClassRef, never a
 * silent downgrade.
 */
public final class SamlCountryAdapter implements CountryAdapter {
  private final SamlAdapterSettings settings;
  private final SamlResponseValidator validator;
  private final ClaimsMapper mapper;
  private final Clock clock;

  public SamlCountryAdapter(
      SamlAdapterSettings settings, ClaimsMapper mapper, ReplayCache replayCache, Clock clock) {
    this.settings = settings;
    this.mapper = mapper;
    this.clock = clock;
    this.validator =
        new SamlResponseValidator(
            settings.sp(), settings.idp(), replayCache, clock, new SamlXmlParser());
    RelaxationLog.announce(settings.id(), relaxations());
  }

  @Override
  public String id() {
    return settings.id();
  }

  @Override
  public CountryCode country() {
    return settings.country();
  }

  @Override
  public Set<LevelOfAssurance> supportedLevels() {
    return settings.levels().keySet();
  }

  @Override
  public java.util.Optional<eu.mostbridge.adapter.FailedAnswerLimit> failedAnswerLimit() {
    return settings.idp().failedAnswerLimit();
  }

  @Override
  public Set<String> relaxations() {
    return settings.idp().relaxations();
  }

  @Override
  public AuthenticationStart start(AuthenticationRequest request) throws AuthenticationFailure {
    LevelOfAssurance level = levelFor(request.minimumLevel());
    RequestedAuthnContext context =
        SamlMessages.build(RequestedAuthnContext.DEFAULT_ELEMENT_NAME, RequestedAuthnContext.class);
    context.setComparison(AuthnContextComparisonTypeEnumeration.MINIMUM);
    AuthnContextClassRef ref =
        SamlMessages.build(AuthnContextClassRef.DEFAULT_ELEMENT_NAME, AuthnContextClassRef.class);
    ref.setURI(settings.levels().get(level));
    context.getAuthnContextClassRefs().add(ref);
    Instant now = clock.instant();
    String id = SamlMessages.newId();
    AuthnRequest authnRequest =
        AuthnRequestFactory.create(
            settings.sp(),
            settings.idp(),
            id,
            now,
            request.forceReauthentication(),
            Optional.of("urn:oasis:names:tc:SAML:2.0:nameid-format:transient"),
            List.of(),
            Optional.of(context));
    return new AuthenticationStart(
        settings
            .binding()
            .carry(authnRequest, settings.sp().signing(), settings.requestSignatureAlgorithm()),
        new PendingAuthentication(
            id(),
            id,
            request.minimumLevel(),
            request.destination(),
            now.plus(settings.pendingLifetime()),
            PendingAuthentication.protocolState(Map.of(), request.forceReauthentication(), now)));
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
    Optional<String> classRef = assertion.authnContextClassRefs().stream().findFirst();
    LevelOfAssurance achieved =
        pending.achievedLevel(settings.levels(), classRef, "AuthnContextClassRef");
    Map<String, Object> claims = new LinkedHashMap<>();
    assertion
        .attributes()
        .forEach(
            (name, values) -> {
              if (!values.isEmpty()) {
                claims.put(name, values.get(0));
              }
            });
    return mapper.map(
        new NationalClaims(
            assertion.issuer(),
            assertion.nameId().orElse(""),
            Optional.of(classRef.get()),
            assertion.authenticationInstant(),
            claims),
        pending.destination(),
        achieved);
  }
}
