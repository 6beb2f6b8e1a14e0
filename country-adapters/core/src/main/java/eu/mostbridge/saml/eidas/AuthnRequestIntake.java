package eu.mostbridge.saml.eidas;

import eu.mostbridge.identity.ErrorText;
import eu.mostbridge.replay.ReplayCache;
import eu.mostbridge.saml.MalformedSamlException;
import eu.mostbridge.saml.RedirectBinding;
import eu.mostbridge.saml.SamlXmlParser;
import eu.mostbridge.saml.XmlSignatures;
import eu.mostbridge.saml.metadata.SpMetadataWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.opensaml.core.xml.XMLObject;
import org.opensaml.core.xml.schema.XSBooleanValue;
import org.opensaml.saml.common.SAMLVersion;
import org.opensaml.saml.common.xml.SAMLConstants;
import org.opensaml.saml.saml2.core.AuthnContextClassRef;
import org.opensaml.saml.saml2.core.AuthnContextComparisonTypeEnumeration;
import org.opensaml.saml.saml2.core.AuthnRequest;
import org.opensaml.saml.saml2.core.NameIDPolicy;
import org.opensaml.saml.saml2.core.RequestedAuthnContext;
import org.opensaml.saml.saml2.core.RequesterID;
import org.opensaml.saml.saml2.core.Scoping;
import org.opensaml.security.x509.BasicX509Credential;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Every rule an eIDAS AuthnRequest to one of Most's identity providers must pass (eIDAS SAML
 * Message Format v1.4, and the EU node 2.9 where the specification's examples are wrong). First the
 * rules that establish who sent it and where an answer may go, each refused with a page only: the
 * message readable and bounded, an AuthnRequest 2.0 from a trusted connector whose metadata is
 * valid, signed by that connector (in the XML for HTTP-POST, over the query for HTTP-Redirect),
 * addressed to this identity provider, an ACS (if named) of the connector's, a short relay state,
 * never seen before. Then the rules of the profile, each refused with a signed error Response to
 * the connector: the time window, {@code ForceAuthn="true"} and {@code IsPassive="false"} set
 * explicitly, SPType in the request or in the metadata and never both, the requested attributes
 * (URI names, the minimum data set required, natural and legal persons never mixed; unsupported
 * ones ignored), the levels (a {@code minimum} of one notified level, or {@code exact} levels with
 * a non-notified one among them, reachable by this identity provider), the NameID format, the
 * RequesterID, no requested Subject, proxying allowed, an encryption key to answer with. A plain
 * SAML service provider (a connector with {@link TrustedConnector#spTypeWithoutExtensions}) may
 * send a request without extensions and without IsPassive: its configured SPType stands in, and it
 * gets the minimum data set; everything else holds for it too.
 */
public final class AuthnRequestIntake {
  /** The SAML bindings' limit on RelayState. */
  static final int MAX_RELAY_STATE_BYTES = 80;

  /** The eIDAS limit on RequesterID. */
  static final int MAX_REQUESTER_ID = 1024;

  /** Larger than any real request (a few KiB); bounds what is parsed. */
  static final int MAX_REQUEST_BYTES = 64 * 1024;

  static final String REPLAY_SCOPE = "eidas-authn-request";

  private final SamlXmlParser parser = new SamlXmlParser(MAX_REQUEST_BYTES, 16, 256);
  private final ReplayCache replays;
  private final Duration clockSkew;
  private final Duration maxAge;

  /**
   * @param replays where request IDs are remembered, across replicas
   * @param clockSkew the tolerance for a connector's clock
   * @param maxAge how old a request may be on arrival
   */
  public AuthnRequestIntake(ReplayCache replays, Duration clockSkew, Duration maxAge) {
    this.replays = replays;
    this.clockSkew = clockSkew;
    this.maxAge = maxAge;
  }

  /** A request over HTTP-POST: {@code SAMLRequest} and {@code RelayState} as posted. */
  public EidasAuthnRequest fromPost(
      String samlRequest,
      Optional<String> relayState,
      ProxyServiceIdentity idp,
      Function<String, Optional<? extends TrustedConnector>> connectors,
      Instant now)
      throws AuthnRequestRefusal {
    if (samlRequest.length() > MAX_REQUEST_BYTES * 4 / 3 + 4) {
      throw AuthnRequestRefusal.untrusted("too-large", "The request is too large");
    }
    byte[] xml;
    try {
      xml = Base64.getMimeDecoder().decode(samlRequest);
    } catch (IllegalArgumentException e) {
      throw AuthnRequestRefusal.untrusted("malformed", "The request is not Base64");
    }
    Received received = parse(xml, connectors, now);
    if (!received.request().isSigned()) {
      throw AuthnRequestRefusal.untrusted("unsigned", "The request is not signed");
    }
    List<BasicX509Credential> keys =
        received.peer().signingCertificates().stream().map(BasicX509Credential::new).toList();
    try {
      XmlSignatures.verify(
          received.request().getSignature(),
          "AuthnRequest",
          received.connector().algorithms(),
          keys,
          received.peer().entityId());
    } catch (XmlSignatures.Refused e) {
      throw AuthnRequestRefusal.untrusted("bad-signature", e.getMessage());
    }
    return check(received, relayState, idp, now);
  }

  /** A request over HTTP-Redirect: the query string exactly as received (still URL-encoded). */
  public EidasAuthnRequest fromRedirect(
      String rawQuery,
      ProxyServiceIdentity idp,
      Function<String, Optional<? extends TrustedConnector>> connectors,
      Instant now)
      throws AuthnRequestRefusal {
    RedirectBinding.ReceivedQuery query;
    byte[] xml;
    try {
      query = RedirectBinding.readQuery(rawQuery, "SAMLRequest", MAX_REQUEST_BYTES);
      xml = RedirectBinding.inflate(query.message(), MAX_REQUEST_BYTES);
    } catch (MalformedSamlException e) {
      throw AuthnRequestRefusal.untrusted("malformed", e.getMessage());
    }
    Received received = parse(xml, connectors, now);
    if (query.signature().isEmpty() || query.signatureAlgorithm().isEmpty()) {
      throw AuthnRequestRefusal.untrusted("unsigned", "The request's query is not signed");
    }
    String algorithm = query.signatureAlgorithm().get();
    if (!received.connector().algorithms().allowsSignature(algorithm)) {
      throw AuthnRequestRefusal.untrusted(
          "bad-signature",
          "The request is signed with "
              + ErrorText.quote(algorithm)
              + ", which the policy ("
              + received.connector().algorithms()
              + ") refuses");
    }
    boolean verified = false;
    for (X509Certificate certificate : received.peer().signingCertificates()) {
      verified |= query.verifies(certificate.getPublicKey());
    }
    if (!verified) {
      throw AuthnRequestRefusal.untrusted(
          "bad-signature",
          "The request's query signature does not verify with any key of "
              + received.peer().entityId());
    }
    return check(received, query.relayState(), idp, now);
  }

  /** The request, its connector, and the connector's metadata read once for the whole intake. */
  private record Received(AuthnRequest request, TrustedConnector connector, ConnectorPeer peer) {}

  /** Readable, an AuthnRequest 2.0 from a connector whose metadata is valid. */
  private Received parse(
      byte[] xml, Function<String, Optional<? extends TrustedConnector>> connectors, Instant now)
      throws AuthnRequestRefusal {
    XMLObject object;
    try {
      Element root = parser.parse(xml).getDocumentElement();
      object = SamlXmlParser.unmarshal(root);
    } catch (MalformedSamlException e) {
      throw AuthnRequestRefusal.untrusted("malformed", e.getMessage());
    }
    if (!(object instanceof AuthnRequest request)) {
      throw AuthnRequestRefusal.untrusted("not-authn-request", "The message is no AuthnRequest");
    }
    if (request.getVersion() == null || !SAMLVersion.VERSION_20.equals(request.getVersion())) {
      throw AuthnRequestRefusal.untrusted("version", "The request is not SAML 2.0");
    }
    if (request.getID() == null || request.getID().isBlank() || request.getID().length() > 256) {
      throw AuthnRequestRefusal.untrusted("id", "The request has no usable ID");
    }
    if (request.getIssuer() == null || request.getIssuer().getValue() == null) {
      throw AuthnRequestRefusal.untrusted("no-issuer", "The request names no Issuer");
    }
    String issuer = request.getIssuer().getValue().strip();
    if (request.getIssuer().getFormat() != null
        && !"urn:oasis:names:tc:SAML:2.0:nameid-format:entity"
            .equals(request.getIssuer().getFormat())) {
      throw AuthnRequestRefusal.untrusted("issuer-format", "The Issuer is not an entity ID");
    }
    TrustedConnector connector =
        connectors
            .apply(issuer)
            .orElseThrow(
                () ->
                    AuthnRequestRefusal.untrusted(
                        "unknown-issuer",
                        "The request comes from "
                            + ErrorText.quote(issuer)
                            + ", which is not a trusted connector"));
    ConnectorPeer peer =
        connector
            .metadata()
            .orElseThrow(
                () ->
                    AuthnRequestRefusal.untrusted(
                        "metadata-unavailable",
                        "The metadata of "
                            + issuer
                            + " could not be read yet, so nothing from it is trusted; Most keeps"
                            + " trying"));
    Optional<Instant> validUntil = peer.validUntil();
    if (validUntil.isPresent() && !now.isBefore(validUntil.get())) {
      throw AuthnRequestRefusal.untrusted(
          "metadata-expired",
          "The metadata of " + issuer + " expired at " + validUntil.get() + "; it is not renewed");
    }
    return new Received(request, connector, peer);
  }

  /** The rules once the request is known to come from the connector. */
  private EidasAuthnRequest check(
      Received received, Optional<String> relayState, ProxyServiceIdentity idp, Instant now)
      throws AuthnRequestRefusal {
    AuthnRequest request = received.request();
    ConnectorPeer peer = received.peer();
    if (relayState.isPresent()
        && relayState.get().getBytes(StandardCharsets.UTF_8).length > MAX_RELAY_STATE_BYTES) {
      throw AuthnRequestRefusal.untrusted(
          "relay-state", "The RelayState is longer than " + MAX_RELAY_STATE_BYTES + " bytes");
    }
    if (!idp.singleSignOnService().toString().equals(request.getDestination())) {
      throw AuthnRequestRefusal.untrusted(
          "destination",
          "The request is addressed to "
              + ErrorText.quote(request.getDestination())
              + ", not to "
              + idp.singleSignOnService());
    }
    URI acs = assertionConsumerService(request, peer);
    Answer answer = new Answer(request.getID(), peer.entityId(), acs, relayState);
    Instant issued = request.getIssueInstant();
    // Recorded before anything else is answered: a captured request, however old, makes Most
    // sign at most one answer.
    Instant newest = issued == null || issued.isBefore(now) ? now : issued;
    ReplayCache.Use use =
        replays.record(
            REPLAY_SCOPE,
            peer.entityId() + "|" + request.getID(),
            newest.plus(maxAge).plus(clockSkew.multipliedBy(2)));
    if (use == ReplayCache.Use.REPEATED) {
      throw AuthnRequestRefusal.untrusted("replay", "The request was already received");
    }
    if (use == ReplayCache.Use.UNRECORDABLE) {
      throw AuthnRequestRefusal.untrusted(
          "replay-unrecordable", "The request cannot be recorded against replay now");
    }
    if (issued == null
        || issued.isAfter(now.plus(clockSkew))
        || issued.isBefore(now.minus(maxAge).minus(clockSkew))) {
      throw answer.refuse(
          "issue-instant",
          "The request was issued at " + issued + ", outside the accepted window",
          AuthnRequestRefusal.REQUEST_DENIED);
    }
    Optional<ConnectorPeer.SpType> plainSaml =
        request.getExtensions() == null
            ? received.connector().spTypeWithoutExtensions()
            : Optional.empty();
    checkFlags(request, answer, plainSaml.isPresent());
    if (plainSaml.isPresent() && peer.spType().isPresent() && !peer.spType().equals(plainSaml)) {
      throw answer.refuse(
          "sp-type",
          "The connector's metadata names SPType "
              + peer.spType().get()
              + ", its configuration "
              + plainSaml.get(),
          null);
    }
    ConnectorPeer.SpType spType =
        plainSaml.isPresent() ? plainSaml.get() : spType(request, peer, answer);
    Set<EidasNames.NaturalPersonAttribute> required =
        EnumSet.noneOf(EidasNames.NaturalPersonAttribute.class);
    Set<EidasNames.NaturalPersonAttribute> attributes;
    if (plainSaml.isPresent()) {
      // It cannot ask; it gets what every eIDAS connector must ask for, and nothing more.
      for (EidasNames.NaturalPersonAttribute attribute :
          EidasNames.NaturalPersonAttribute.values()) {
        if (attribute.minimumDataSet()) {
          required.add(attribute);
        }
      }
      attributes = EnumSet.copyOf(required);
    } else {
      attributes = attributes(request, answer, required);
    }
    LevelRequest level = level(request, idp, answer);
    String nameIdFormat = nameIdFormat(request, answer);
    Optional<String> requesterId = requesterId(request, answer);
    if (spType == ConnectorPeer.SpType.PRIVATE && requesterId.isEmpty()) {
      throw answer.refuse(
          "requester-id",
          "A private sector service must be named by its RequesterID, which the consent page shows",
          null);
    }
    if (request.getSubject() != null) {
      throw answer.refuse(
          "subject",
          "A Subject in the request is not supported",
          AuthnRequestRefusal.REQUEST_UNSUPPORTED);
    }
    if (peer.encryptionKeys().isEmpty()) {
      throw answer.refuse(
          "no-encryption-key",
          "The connector's metadata has no encryption certificate to encrypt the answer to",
          AuthnRequestRefusal.REQUEST_UNSUPPORTED);
    }
    return new EidasAuthnRequest(
        request.getID(),
        peer.entityId(),
        acs,
        relayState,
        spType,
        attributes,
        required,
        level,
        nameIdFormat,
        requesterId,
        issued);
  }

  /** The ACS: the metadata's default, or the one the request names if it is the connector's. */
  private static URI assertionConsumerService(AuthnRequest request, ConnectorPeer peer)
      throws AuthnRequestRefusal {
    if (request.getProtocolBinding() != null
        && !SAMLConstants.SAML2_POST_BINDING_URI.equals(request.getProtocolBinding())) {
      throw AuthnRequestRefusal.untrusted(
          "protocol-binding", "Answers go by HTTP-POST only, not " + request.getProtocolBinding());
    }
    String url = request.getAssertionConsumerServiceURL();
    Integer index = request.getAssertionConsumerServiceIndex();
    if (url != null && index != null) {
      throw AuthnRequestRefusal.untrusted(
          "acs", "The request names its ACS both by URL and by index");
    }
    if (url != null) {
      return peer.assertionConsumerServices().stream()
          .map(ConnectorPeer.AssertionConsumerService::location)
          .filter(location -> location.toString().equals(url))
          .findFirst()
          .orElseThrow(
              () ->
                  AuthnRequestRefusal.untrusted(
                      "acs",
                      "The ACS " + ErrorText.quote(url) + " is not in the connector's metadata"));
    }
    if (index != null) {
      return peer.assertionConsumerServices().stream()
          .filter(service -> service.index() == index)
          .map(ConnectorPeer.AssertionConsumerService::location)
          .findFirst()
          .orElseThrow(
              () ->
                  AuthnRequestRefusal.untrusted(
                      "acs", "The ACS index " + index + " is not in the connector's metadata"));
    }
    return peer.defaultAssertionConsumerService().location();
  }

  /**
   * ForceAuthn and IsPassive, explicitly set as the EU node requires; a plain SAML service provider
   * may leave IsPassive out, which SAML 2.0 reads as false.
   */
  private static void checkFlags(AuthnRequest request, Answer answer, boolean plainSaml)
      throws AuthnRequestRefusal {
    XSBooleanValue force = request.isForceAuthnXSBoolean();
    if (force == null || !Boolean.TRUE.equals(force.getValue())) {
      throw answer.refuse(
          "force-authn",
          "ForceAuthn must be set to true: every eIDAS login authenticates afresh",
          AuthnRequestRefusal.REQUEST_UNSUPPORTED);
    }
    XSBooleanValue passive = request.isPassiveXSBoolean();
    if (passive == null && plainSaml) {
      return;
    }
    if (passive == null || !Boolean.FALSE.equals(passive.getValue())) {
      throw answer.refuse(
          "is-passive",
          "IsPassive must be set to false: a citizen always authenticates",
          AuthnRequestRefusal.REQUEST_UNSUPPORTED);
    }
  }

  private static ConnectorPeer.SpType spType(
      AuthnRequest request, ConnectorPeer peer, Answer answer) throws AuthnRequestRefusal {
    List<Element> inRequest = extensions(request, "SPType");
    if (inRequest.size() > 1) {
      throw answer.refuse("sp-type", "The request names SPType twice", null);
    }
    if (inRequest.isEmpty()) {
      return peer.spType()
          .orElseThrow(
              () ->
                  answer.refuse(
                      "sp-type",
                      "Neither the request nor the connector's metadata names the SPType",
                      null));
    }
    if (peer.spType().isPresent()) {
      throw answer.refuse(
          "sp-type",
          "The SPType is in the connector's metadata and in the request; the profile allows one",
          null);
    }
    String value = inRequest.get(0).getTextContent().strip();
    return ConnectorPeer.SpType.parse(value)
        .orElseThrow(
            () ->
                answer.refuse(
                    "sp-type",
                    "The SPType " + ErrorText.quote(value) + " is neither public nor private",
                    null));
  }

  /**
   * The attributes asked for that Most knows; those {@code isRequired} added to {@code required}.
   */
  private static Set<EidasNames.NaturalPersonAttribute> attributes(
      AuthnRequest request, Answer answer, Set<EidasNames.NaturalPersonAttribute> required)
      throws AuthnRequestRefusal {
    List<Element> lists = extensions(request, "RequestedAttributes");
    if (lists.size() != 1) {
      throw answer.refuse(
          "requested-attributes",
          "The request must carry one eidas:RequestedAttributes",
          AuthnRequestRefusal.INVALID_ATTRIBUTE);
    }
    Set<EidasNames.NaturalPersonAttribute> supported =
        EnumSet.noneOf(EidasNames.NaturalPersonAttribute.class);
    Set<String> names = new LinkedHashSet<>();
    boolean natural = false;
    boolean legal = false;
    for (Element attribute : children(lists.get(0), "RequestedAttribute")) {
      String name = attribute.getAttribute("Name");
      if (name.isEmpty() || !names.add(name)) {
        throw answer.refuse(
            "requested-attributes",
            "A requested attribute has no name, or is asked twice",
            AuthnRequestRefusal.INVALID_ATTRIBUTE);
      }
      if (!EidasNames.URI_NAME_FORMAT.equals(attribute.getAttribute("NameFormat"))) {
        throw answer.refuse(
            "requested-attributes",
            "The attribute " + ErrorText.quote(name) + " is not named in the uri NameFormat",
            AuthnRequestRefusal.INVALID_ATTRIBUTE);
      }
      natural |= name.startsWith(EidasNames.NATURAL_PERSON_ATTRIBUTE);
      legal |= name.startsWith(EidasNames.LEGAL_PERSON_ATTRIBUTE);
      Optional<EidasNames.NaturalPersonAttribute> known =
          EidasNames.NaturalPersonAttribute.ofUri(name);
      known.ifPresent(supported::add);
      String isRequired = attribute.getAttribute("isRequired").strip();
      if (known.isPresent() && ("true".equals(isRequired) || "1".equals(isRequired))) {
        required.add(known.get());
      }
    }
    if (natural && legal) {
      throw answer.refuse(
          "requested-attributes",
          "The request asks for natural and legal person attributes at once",
          AuthnRequestRefusal.INVALID_ATTRIBUTE);
    }
    if (!natural) {
      throw answer.refuse(
          "requested-attributes",
          "Most identifies natural persons only; the request asks for none of their attributes",
          AuthnRequestRefusal.INVALID_ATTRIBUTE);
    }
    List<String> missing = new ArrayList<>();
    for (EidasNames.NaturalPersonAttribute attribute : EidasNames.NaturalPersonAttribute.values()) {
      if (attribute.minimumDataSet() && !required.contains(attribute)) {
        missing.add(attribute.friendlyName());
      }
    }
    if (!missing.isEmpty()) {
      throw answer.refuse(
          "minimum-data-set",
          "The natural person's minimum data set must be requested as required; missing: "
              + String.join(", ", missing),
          AuthnRequestRefusal.INVALID_ATTRIBUTE);
    }
    return supported;
  }

  private static LevelRequest level(AuthnRequest request, ProxyServiceIdentity idp, Answer answer)
      throws AuthnRequestRefusal {
    RequestedAuthnContext context = request.getRequestedAuthnContext();
    if (context == null || context.getAuthnContextClassRefs().isEmpty()) {
      throw answer.refuse(
          "level",
          "The request asks for no level of assurance",
          AuthnRequestRefusal.NO_AUTHN_CONTEXT);
    }
    if (!context.getAuthnContextDeclRefs().isEmpty()) {
      throw answer.refuse(
          "level",
          "AuthnContextDeclRef is not used in eIDAS",
          AuthnRequestRefusal.NO_AUTHN_CONTEXT);
    }
    // SAML's default comparison is exact.
    AuthnContextComparisonTypeEnumeration comparison =
        context.getComparison() == null
            ? AuthnContextComparisonTypeEnumeration.EXACT
            : context.getComparison();
    List<EidasLevel> levels = new ArrayList<>();
    for (AuthnContextClassRef reference : context.getAuthnContextClassRefs()) {
      String uri = reference.getURI() == null ? "" : reference.getURI().strip();
      EidasLevel level =
          EidasLevel.parse(uri)
              .orElseThrow(
                  () ->
                      answer.refuse(
                          "level",
                          "The level " + ErrorText.quote(uri) + " is not an eIDAS level",
                          AuthnRequestRefusal.NO_AUTHN_CONTEXT));
      if (levels.contains(level)) {
        throw answer.refuse(
            "level", "The level " + uri + " is asked twice", AuthnRequestRefusal.NO_AUTHN_CONTEXT);
      }
      levels.add(level);
    }
    LevelRequest asked;
    if (comparison == AuthnContextComparisonTypeEnumeration.MINIMUM) {
      if (levels.size() != 1 || !levels.get(0).notified()) {
        throw answer.refuse(
            "level",
            "A minimum comparison names exactly one notified level",
            AuthnRequestRefusal.NO_AUTHN_CONTEXT);
      }
      asked = new LevelRequest(LevelRequest.Comparison.MINIMUM, levels);
    } else if (comparison == AuthnContextComparisonTypeEnumeration.EXACT) {
      if (levels.stream().allMatch(EidasLevel::notified)) {
        throw answer.refuse(
            "level",
            "Notified levels are asked with the minimum comparison; exact is for non-notified ones",
            AuthnRequestRefusal.NO_AUTHN_CONTEXT);
      }
      asked = new LevelRequest(LevelRequest.Comparison.EXACT, levels);
    } else {
      throw answer.refuse(
          "level",
          "The comparison " + comparison + " is not used in eIDAS",
          AuthnRequestRefusal.NO_AUTHN_CONTEXT);
    }
    if (idp.levels().stream().noneMatch(asked::accepts)) {
      throw answer.refuse(
          "level-unreachable",
          "No national eID behind this identity provider reaches the level asked for; it reaches "
              + idp.levels(),
          AuthnRequestRefusal.NO_AUTHN_CONTEXT);
    }
    return asked;
  }

  private static String nameIdFormat(AuthnRequest request, Answer answer)
      throws AuthnRequestRefusal {
    NameIDPolicy policy = request.getNameIDPolicy();
    String format = policy == null ? null : policy.getFormat();
    if (format == null || "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified".equals(format)) {
      return "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";
    }
    if (!SpMetadataWriter.NAME_ID_FORMATS.contains(format)) {
      throw answer.refuse(
          "name-id-format",
          "The NameID format " + ErrorText.quote(format) + " is not offered",
          AuthnRequestRefusal.INVALID_NAME_ID_POLICY);
    }
    return format;
  }

  private static Optional<String> requesterId(AuthnRequest request, Answer answer)
      throws AuthnRequestRefusal {
    Scoping scoping = request.getScoping();
    if (scoping == null) {
      return Optional.empty();
    }
    if (scoping.getProxyCount() != null && scoping.getProxyCount() == 0) {
      throw answer.refuse(
          "proxy-count",
          "ProxyCount 0 forbids what Most is: a proxy to the national eIDs",
          AuthnRequestRefusal.PROXY_COUNT_EXCEEDED);
    }
    List<RequesterID> ids = scoping.getRequesterIDs();
    if (ids.isEmpty()) {
      return Optional.empty();
    }
    String value = ids.get(0).getURI() == null ? "" : ids.get(0).getURI().strip();
    if (ids.size() > 1
        || value.isEmpty()
        || value.length() > MAX_REQUESTER_ID
        || value.chars().anyMatch(Character::isISOControl)) {
      throw answer.refuse(
          "requester-id",
          "The request must name one RequesterID of at most "
              + MAX_REQUESTER_ID
              + " characters, without control characters",
          null);
    }
    return Optional.of(value);
  }

  /** The eIDAS extension elements {@code name} among the request's Extensions. */
  private static List<Element> extensions(AuthnRequest request, String name) {
    if (request.getExtensions() == null) {
      return List.of();
    }
    List<Element> found = new ArrayList<>();
    for (XMLObject child : request.getExtensions().getUnknownXMLObjects()) {
      Element element = child.getDOM();
      if (element != null
          && EidasNames.EXTENSIONS_NS.equals(element.getNamespaceURI())
          && name.equals(element.getLocalName())) {
        found.add(element);
      }
    }
    return found;
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element element
          && EidasNames.EXTENSIONS_NS.equals(element.getNamespaceURI())
          && name.equals(element.getLocalName())) {
        found.add(element);
      }
    }
    return found;
  }

  /** Where refusals of a trusted request are answered. */
  private record Answer(String requestId, String issuer, URI acs, Optional<String> relayState) {
    AuthnRequestRefusal refuse(String rule, String message, String subStatus) {
      return AuthnRequestRefusal.answered(
          rule,
          message,
          new AuthnRequestRefusal.Answer(
              requestId,
              issuer,
              acs,
              relayState,
              AuthnRequestRefusal.REQUESTER,
              Optional.ofNullable(subStatus)));
    }
  }
}
