package eu.mostbridge.broker.eidas;

import eu.mostbridge.broker.audit.AuditEvent;
import eu.mostbridge.broker.audit.AuditLog;
import eu.mostbridge.broker.connector.ConnectorRegistration;
import eu.mostbridge.broker.flow.ChannelEnd;
import eu.mostbridge.broker.flow.LoginFlow;
import eu.mostbridge.broker.flow.LoginRefusal;
import eu.mostbridge.broker.flow.LoginTexts;
import eu.mostbridge.broker.flow.ReturnChannel;
import eu.mostbridge.broker.flow.SamlReturn;
import eu.mostbridge.broker.token.ReleasedClaims;
import eu.mostbridge.broker.web.SameOriginResubmit;
import eu.mostbridge.identity.CommonIdentity;
import eu.mostbridge.identity.LevelOfAssurance;
import eu.mostbridge.saml.eidas.AssertionEncryption;
import eu.mostbridge.saml.eidas.AuthnRequestRefusal;
import eu.mostbridge.saml.eidas.ConnectorPeer;
import eu.mostbridge.saml.eidas.EidasAttributes;
import eu.mostbridge.saml.eidas.EidasAuthnRequest;
import eu.mostbridge.saml.eidas.EidasLevel;
import eu.mostbridge.saml.eidas.EidasNames;
import eu.mostbridge.saml.eidas.EidasResponseWriter;
import eu.mostbridge.saml.eidas.ProxyServiceIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Ends an eIDAS login: a signed Response, posted by the browser to the connector's ACS, with the
 * citizen's encrypted assertion or the refusal's status codes.
 */
@ApplicationScoped
public class SamlChannelEnd implements ChannelEnd {
  private final ProxyServices services;
  private final ReleasedClaims claims;
  private final SameOriginResubmit posts;
  private final AuditLog audit;
  private final Clock clock;

  public SamlChannelEnd(
      ProxyServices services,
      ReleasedClaims claims,
      SameOriginResubmit posts,
      AuditLog audit,
      Clock clock) {
    this.services = services;
    this.claims = claims;
    this.posts = posts;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public Class<? extends ReturnChannel> channel() {
    return SamlReturn.class;
  }

  @Override
  public Optional<LoginRefusal> refusalOf(LoginFlow flow, CommonIdentity identity) {
    SamlReturn saml = (SamlReturn) flow.channel();
    ProxyServiceIdentity idp = services.of(saml.country()).orElseThrow();
    EidasAuthnRequest request = saml.request();
    if (asserted(request, identity.levelOfAssurance(), idp.notified()).isEmpty()) {
      return Optional.of(
          new LoginRefusal(
              LoginRefusal.Reason.LEVEL_NOT_REACHED,
              "The level reached is not one the request accepts"));
    }
    Set<EidasNames.NaturalPersonAttribute> missing =
        EnumSet.noneOf(EidasNames.NaturalPersonAttribute.class);
    missing.addAll(request.required());
    missing.removeAll(EidasAttributes.known(identity));
    if (!missing.isEmpty()) {
      return Optional.of(
          new LoginRefusal(
              LoginRefusal.Reason.CANNOT_ANSWER,
              "Mandatory attribute not found: "
                  + missing.stream()
                      .map(EidasNames.NaturalPersonAttribute::friendlyName)
                      .sorted()
                      .toList()));
    }
    if (encryptionKey(saml.connector()).isEmpty()) {
      return Optional.of(
          new LoginRefusal(
              LoginRefusal.Reason.CANNOT_ANSWER,
              "The connector's metadata has no encryption key Most may use"));
    }
    return Optional.empty();
  }

  @Override
  public Response prepare(LoginFlow flow, CommonIdentity identity, String method) {
    Optional<LoginRefusal> refusal = refusalOf(flow, identity);
    if (refusal.isPresent()) {
      return refuse(flow, refusal.get());
    }
    SamlReturn saml = (SamlReturn) flow.channel();
    ProxyServiceIdentity idp = services.of(saml.country()).orElseThrow();
    EidasAuthnRequest request = saml.request();
    ConnectorRegistration connector = saml.connector();
    EidasLevel level = asserted(request, identity.levelOfAssurance(), idp.notified()).orElseThrow();
    Map.Entry<ConnectorPeer.EncryptionKey, String> key = encryptionKey(connector).orElseThrow();
    byte[] response =
        EidasResponseWriter.success(
            idp,
            recipient(request),
            new EidasResponseWriter.Assertion(
                identity,
                claims.personIdentifier(identity, flow.requester()).toEidasForm(),
                level,
                request.attributes(),
                request.nameIdFormat()),
            key.getKey(),
            key.getValue(),
            clock.instant());
    return answer(flow, response);
  }

  @Override
  public void delivered(LoginFlow flow, CommonIdentity identity) {
    // Recorded after the login ended: nothing here may throw, the answer is already committed.
    SamlReturn saml = (SamlReturn) flow.channel();
    EidasAuthnRequest request = saml.request();
    ProxyServiceIdentity idp = services.of(saml.country()).orElseThrow();
    audit.record(
        AuditEvent.of("eidas.answer.sent")
            .with("flow", flow.id())
            .with("client", saml.connector().id())
            .with("in_response_to", request.id())
            .with(
                "level",
                asserted(request, identity.levelOfAssurance(), idp.notified())
                    .map(EidasLevel::uri)
                    .orElse(null))
            .with(
                "key_transport",
                encryptionKey(saml.connector()).map(Map.Entry::getValue).orElse(null))
            .with(
                "attributes",
                request.attributes().stream().map(a -> a.friendlyName()).sorted().toList()));
  }

  @Override
  public Response refuse(LoginFlow flow, LoginRefusal refusal) {
    SamlReturn saml = (SamlReturn) flow.channel();
    ProxyServiceIdentity idp = services.of(saml.country()).orElseThrow();
    String second =
        switch (refusal.reason()) {
          case CANCELLED, CANCELLED_AT_NATIONAL_EID, CONSENT_REFUSED ->
              AuthnRequestRefusal.REQUEST_DENIED;
          case LEVEL_NOT_REACHED -> AuthnRequestRefusal.NO_AUTHN_CONTEXT;
          case ANSWERS_EXHAUSTED -> "urn:oasis:names:tc:SAML:2.0:status:AuthnFailed";
          case CANNOT_ANSWER -> null;
        };
    return answer(
        flow,
        refusal(
            idp,
            saml.request(),
            AuthnRequestRefusal.RESPONDER,
            Optional.ofNullable(second),
            refusal.description()));
  }

  /**
   * The level to assert: the one reached when the request accepts it; under {@code exact}, else the
   * strongest requested level the one reached satisfies (asserting less than was reached is true).
   */
  static Optional<EidasLevel> asserted(
      EidasAuthnRequest request, LevelOfAssurance reached, boolean notified) {
    EidasLevel achieved = new EidasLevel(reached, notified);
    if (request.level().accepts(achieved)) {
      return Optional.of(achieved);
    }
    return request.level().levels().stream()
        .filter(level -> level.notified() == notified && reached.satisfies(level.level()))
        .max((a, b) -> a.level().compareTo(b.level()));
  }

  /** The first encryption key of the connector's metadata Most may encrypt to. */
  private static Optional<Map.Entry<ConnectorPeer.EncryptionKey, String>> encryptionKey(
      ConnectorRegistration connector) {
    // No metadata at this replica yet (the connector's server was down when it started): no key.
    List<ConnectorPeer.EncryptionKey> keys =
        connector.metadata().map(ConnectorPeer::encryptionKeys).orElse(List.of());
    for (ConnectorPeer.EncryptionKey key : keys) {
      Optional<String> transport = AssertionEncryption.keyTransportFor(key, connector.algorithms());
      if (transport.isPresent()) {
        return Optional.of(Map.entry(key, transport.get()));
      }
    }
    return Optional.empty();
  }

  private byte[] refusal(
      ProxyServiceIdentity idp,
      EidasAuthnRequest request,
      String status,
      Optional<String> second,
      String message) {
    return EidasResponseWriter.failure(
        idp, recipient(request), status, second, message, clock.instant());
  }

  private static EidasResponseWriter.Recipient recipient(EidasAuthnRequest request) {
    return new EidasResponseWriter.Recipient(
        request.id(), request.issuer(), request.assertionConsumerService());
  }

  private Response answer(LoginFlow flow, byte[] response) {
    SamlReturn saml = (SamlReturn) flow.channel();
    return post(
        posts,
        LoginTexts.of(Optional.of(flow), null),
        saml.request().assertionConsumerService().toString(),
        response,
        saml.request().relayState());
  }

  /** The HTTP-POST binding's page: the Response (and relay state) posted to the ACS. */
  static Response post(
      SameOriginResubmit posts,
      eu.mostbridge.broker.web.Texts texts,
      String acs,
      byte[] response,
      Optional<String> relayState) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("SAMLResponse", Base64.getEncoder().encodeToString(response));
    relayState.ifPresent(value -> fields.put("RelayState", value));
    return posts.toPeer(texts, acs, fields);
  }
}
