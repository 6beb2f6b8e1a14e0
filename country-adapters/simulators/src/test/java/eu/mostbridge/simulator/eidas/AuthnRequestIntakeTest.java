package eu.mostbridge.simulator.eidas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.LevelOfAssurance;
import eu.mostbridge.replay.InMemoryReplayCache;
import eu.mostbridge.saml.AlgorithmPolicy;
import eu.mostbridge.saml.eidas.AuthnRequestIntake;
import eu.mostbridge.saml.eidas.AuthnRequestRefusal;
import eu.mostbridge.saml.eidas.ConnectorMetadataReader;
import eu.mostbridge.saml.eidas.ConnectorPeer;
import eu.mostbridge.saml.eidas.EidasAuthnRequest;
import eu.mostbridge.saml.eidas.EidasLevel;
import eu.mostbridge.saml.eidas.EidasNames.NaturalPersonAttribute;
import eu.mostbridge.saml.eidas.LevelRequest;
import eu.mostbridge.saml.eidas.ProxyServiceIdentity;
import eu.mostbridge.saml.eidas.TrustedConnector;
import eu.mostbridge.simulator.SimulatorKeys;
import eu.mostbridge.simulator.xml.Xml;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opensaml.security.x509.BasicX509Credential;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Every rule of Most's intake of eIDAS AuthnRequests, with requests written and signed by the
 * connector simulator (the JDK's XML Signature API): a good request over each binding, then one
 * request wrong in one respect per case, with the rule that refuses it and whether the connector is
 * answered (a signed error Response) or only a page may be shown.
 */
class AuthnRequestIntakeTest {
  private static final SimulatorKeys CONNECTOR = SimulatorKeys.ec("BG connector signing");
  private static final SimulatorKeys STRANGER = SimulatorKeys.ec("someone else");
  private static final String ENTITY = "https://eidas.example.bg/EidasNode/ConnectorMetadata";
  private static final String ACS = "https://eidas.example.bg/EidasNode/ColleagueResponse";
  private static final String SSO = "https://most.example/eidas/bg/sso";

  private InMemoryReplayCache replays;
  private AuthnRequestIntake intake;

  record Connector(
      Optional<ConnectorPeer> metadata,
      CountryCode nodeCountry,
      AlgorithmPolicy algorithms,
      Optional<ConnectorPeer.SpType> spTypeWithoutExtensions)
      implements TrustedConnector {}

  private static ConnectorPeer peer(ConnectorMetadata metadata) {
    try {
      return new ConnectorMetadataReader()
          .read(
              metadata.toBytes(),
              ENTITY,
              Optional.of(CONNECTOR.certificate()),
              AlgorithmPolicy.eidasStrict(),
              true,
              Instant.now());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static ConnectorMetadata metadata() {
    return ConnectorMetadata.typical(
        ENTITY, "BG", ACS, CONNECTOR, SimulatorKeys.ec("connector encryption").certificate());
  }

  private static final ConnectorPeer WITH_SP_TYPE = peer(metadata());
  private static final ConnectorPeer WITHOUT_SP_TYPE =
      peer(metadata().withSpType(Optional.empty()));

  private static ProxyServiceIdentity identity(String country, List<EidasLevel> levels) {
    SimulatorKeys signing = SimulatorKeys.ec("Most " + country);
    return new ProxyServiceIdentity(
        CountryCode.of(country),
        "https://most.example/eidas/" + country.toLowerCase(java.util.Locale.ROOT) + "/metadata",
        URI.create(
            "https://most.example/eidas/" + country.toLowerCase(java.util.Locale.ROOT) + "/sso"),
        new BasicX509Credential(signing.certificate(), signing.privateKey()),
        List.of(),
        SimulatorKeys.ec("Most encryption").certificate(),
        AlgorithmPolicy.ECDSA_SHA256,
        levels,
        new ProxyServiceIdentity.Publisher(
            "Most", "Most", URI.create("https://most.example/"), List.of()));
  }

  /** Bulgarian citizens: notified levels. */
  private static final ProxyServiceIdentity BG =
      identity(
          "BG",
          List.of(
              new EidasLevel(LevelOfAssurance.SUBSTANTIAL, true),
              new EidasLevel(LevelOfAssurance.HIGH, true)));

  /** Macedonian citizens: never notified. */
  private static final ProxyServiceIdentity MK =
      identity(
          "MK",
          List.of(
              new EidasLevel(LevelOfAssurance.SUBSTANTIAL, false),
              new EidasLevel(LevelOfAssurance.HIGH, false)));

  @BeforeEach
  void freshReplayCache() {
    replays = new InMemoryReplayCache();
    intake = new AuthnRequestIntake(replays, Duration.ofSeconds(60), Duration.ofMinutes(5));
  }

  private static EidasRequest good() {
    return new EidasRequest(ENTITY, SSO);
  }

  private EidasAuthnRequest post(
      EidasRequest request, ConnectorPeer peer, ProxyServiceIdentity idp, Optional<String> relay)
      throws AuthnRequestRefusal {
    String form = request.toPostForm(CONNECTOR, null).get("SAMLRequest");
    return postRaw(form, peer, idp, relay);
  }

  private EidasAuthnRequest postRaw(
      String form, ConnectorPeer peer, ProxyServiceIdentity idp, Optional<String> relay)
      throws AuthnRequestRefusal {
    // A null peer: a connector whose metadata was never read.
    TrustedConnector connector =
        new Connector(
            Optional.ofNullable(peer),
            CountryCode.BG,
            AlgorithmPolicy.eidasStrict(),
            Optional.empty());
    return intake.fromPost(
        form,
        relay,
        idp,
        issuer -> ENTITY.equals(issuer) ? Optional.of(connector) : Optional.empty(),
        Instant.now());
  }

  private EidasAuthnRequest redirect(String query, ProxyServiceIdentity idp)
      throws AuthnRequestRefusal {
    TrustedConnector connector =
        new Connector(
            Optional.of(WITH_SP_TYPE),
            CountryCode.BG,
            AlgorithmPolicy.eidasStrict(),
            Optional.empty());
    return intake.fromRedirect(
        query,
        idp,
        issuer -> ENTITY.equals(issuer) ? Optional.of(connector) : Optional.empty(),
        Instant.now());
  }

  @Test
  void aGoodRequestOverPostIsTakenWithEverythingItAsks() throws Exception {
    EidasRequest request = good();
    request.requesterId = "https://service.example.bg/portal";
    request.attributes.put("PhoneNumber", false);

    EidasAuthnRequest taken = post(request, WITH_SP_TYPE, BG, Optional.of("relay-1"));

    assertThat(taken.id()).isEqualTo(request.id);
    assertThat(taken.issuer()).isEqualTo(ENTITY);
    assertThat(taken.assertionConsumerService()).hasToString(ACS);
    assertThat(taken.relayState()).contains("relay-1");
    assertThat(taken.spType()).isEqualTo(ConnectorPeer.SpType.PUBLIC);
    assertThat(taken.attributes())
        .as("PhoneNumber, not supported, is ignored")
        .containsExactlyInAnyOrder(
            NaturalPersonAttribute.PERSON_IDENTIFIER,
            NaturalPersonAttribute.CURRENT_FAMILY_NAME,
            NaturalPersonAttribute.CURRENT_GIVEN_NAME,
            NaturalPersonAttribute.DATE_OF_BIRTH,
            NaturalPersonAttribute.GENDER);
    assertThat(taken.level().comparison()).isEqualTo(LevelRequest.Comparison.MINIMUM);
    assertThat(taken.level().weakestOf(BG.levels())).contains(LevelOfAssurance.SUBSTANTIAL);
    assertThat(taken.required())
        .as("Gender is asked for, not required")
        .doesNotContain(NaturalPersonAttribute.GENDER)
        .contains(NaturalPersonAttribute.DATE_OF_BIRTH);
    assertThat(taken.nameIdFormat())
        .isEqualTo("urn:oasis:names:tc:SAML:2.0:nameid-format:persistent");
    assertThat(taken.requesterId()).contains("https://service.example.bg/portal");
  }

  @Test
  void aGoodRequestOverRedirectIsTaken() throws Exception {
    EidasAuthnRequest taken = redirect(good().toRedirectQuery(CONNECTOR, "relay 2/ü"), BG);

    assertThat(taken.relayState()).contains("relay 2/ü");
    assertThat(taken.assertionConsumerService()).hasToString(ACS);
  }

  @Test
  void aRedirectSignedWithEcdsaSha512IsTaken() throws Exception {
    EidasRequest request = good();
    request.signatureAlgorithm = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512";

    assertThat(redirect(request.toRedirectQuery(CONNECTOR, null), BG).id()).isEqualTo(request.id);
  }

  @Test
  void aNonNotifiedLevelIsAskedExactly() throws Exception {
    EidasRequest request = good();
    request.destination = "https://most.example/eidas/mk/sso";
    request.comparison = "exact";
    request.levels =
        List.of("http://eidas.europa.eu/NotNotified/LoA/high", "http://eidas.europa.eu/LoA/high");

    EidasAuthnRequest taken = post(request, WITH_SP_TYPE, MK, Optional.empty());

    assertThat(taken.level().comparison()).isEqualTo(LevelRequest.Comparison.EXACT);
    assertThat(taken.level().accepts(new EidasLevel(LevelOfAssurance.HIGH, false))).isTrue();
    assertThat(taken.level().accepts(new EidasLevel(LevelOfAssurance.SUBSTANTIAL, false)))
        .isFalse();
  }

  @Test
  void anAcsNamedExactlyAsInMetadataIsAccepted() throws Exception {
    EidasRequest request = good();
    request.assertionConsumerServiceUrl = ACS;

    assertThat(post(request, WITH_SP_TYPE, BG, Optional.empty()).assertionConsumerService())
        .hasToString(ACS);
  }

  /** A request wrong in one respect: the change, the rule that refuses it, answered or not. */
  static Stream<Arguments> faults() {
    return Stream.of(
        fault("unknown issuer", r -> r.issuer = "https://evil.example/metadata", "unknown-issuer"),
        fault("unsigned", r -> r.signed = false, "unsigned"),
        fault(
            "SHA-1 digest",
            r -> r.digestAlgorithm = "http://www.w3.org/2000/09/xmldsig#sha1",
            "bad-signature"),
        fault("no destination", r -> r.destination = null, "destination"),
        fault(
            "another destination",
            r -> r.destination = "https://most.example/eidas/mk/sso",
            "destination"),
        fault("an ACS not in metadata", r -> r.assertionConsumerServiceUrl = ACS + "/x", "acs"),
        fault(
            "an ACS differing in case",
            r -> r.assertionConsumerServiceUrl = ACS.toUpperCase(java.util.Locale.ROOT),
            "acs"),
        fault(
            "an ACS index not in metadata",
            r -> r.edit = e -> e.setAttribute("AssertionConsumerServiceIndex", "7"),
            "acs"),
        fault(
            "the artifact binding",
            r ->
                r.edit =
                    e ->
                        e.setAttribute(
                            "ProtocolBinding",
                            "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact"),
            "protocol-binding"),
        fault("SAML 1.1", r -> r.edit = e -> e.setAttribute("Version", "1.1"), "version"),
        answered(
            "an old request",
            r -> r.issueInstant = Instant.now().minus(Duration.ofMinutes(10)),
            "issue-instant"),
        answered(
            "a request from the future",
            r -> r.issueInstant = Instant.now().plus(Duration.ofMinutes(5)),
            "issue-instant"),
        answered("ForceAuthn false", r -> r.forceAuthn = "false", "force-authn"),
        answered("ForceAuthn absent", r -> r.forceAuthn = null, "force-authn"),
        answered("IsPassive true", r -> r.isPassive = "true", "is-passive"),
        answered("IsPassive absent", r -> r.isPassive = null, "is-passive"),
        answered("SPType in request and metadata", r -> r.spType = "public", "sp-type"),
        answered("no RequestedAttributes", r -> r.attributes.clear(), "requested-attributes"),
        answered(
            "the family name missing",
            r -> r.attributes.remove("CurrentFamilyName"),
            "minimum-data-set"),
        answered(
            "the date of birth not required",
            r -> r.attributes.put("DateOfBirth", false),
            "minimum-data-set"),
        answered(
            "natural and legal person mixed",
            r -> r.attributes.put("http://eidas.europa.eu/attributes/legalperson/LegalName", true),
            "requested-attributes"),
        answered(
            "a basic NameFormat",
            r ->
                r.edit =
                    e ->
                        first(e, "RequestedAttribute")
                            .setAttribute(
                                "NameFormat", "urn:oasis:names:tc:SAML:2.0:attrname-format:basic"),
            "requested-attributes"),
        answered("no level", r -> r.levels = null, "level"),
        answered(
            "minimum with a non-notified level",
            r -> r.levels = List.of("http://eidas.europa.eu/NotNotified/LoA/high"),
            "level"),
        answered("exact with notified levels only", r -> r.comparison = "exact", "level"),
        answered(
            "a misspelt level",
            r -> r.levels = List.of("http://eidas.europa.eu/LoA/Substantial"),
            "level"),
        answered("the comparison better", r -> r.comparison = "better", "level"),
        answered(
            "a level twice",
            r ->
                r.levels =
                    List.of("http://eidas.europa.eu/LoA/high", "http://eidas.europa.eu/LoA/high"),
            "level"),
        answered(
            "a NameID format not offered",
            r -> r.nameIdFormat = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
            "name-id-format"),
        answered("a RequesterID too long", r -> r.requesterId = "x".repeat(1025), "requester-id"),
        answered("ProxyCount 0", r -> r.edit = e -> proxyCount(e), "proxy-count"),
        answered("a Subject", r -> r.edit = e -> subject(e), "subject"));
  }

  private static Arguments fault(String name, Consumer<EidasRequest> change, String rule) {
    return Arguments.of(name, change, rule, false);
  }

  private static Arguments answered(String name, Consumer<EidasRequest> change, String rule) {
    return Arguments.of(name, change, rule, true);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("faults")
  void aRequestWrongInOneRespectIsRefused(
      String name, Consumer<EidasRequest> change, String rule, boolean answeredToConnector) {
    EidasRequest request = good();
    change.accept(request);

    AuthnRequestRefusal refusal =
        catchThrowableOfType(
            AuthnRequestRefusal.class, () -> post(request, WITH_SP_TYPE, BG, Optional.empty()));

    assertThat(refusal).as(name).isNotNull();
    assertThat(refusal.rule()).as(refusal.getMessage()).isEqualTo(rule);
    assertThat(refusal.answer().isPresent())
        .as("answered to the connector")
        .isEqualTo(answeredToConnector);
    refusal
        .answer()
        .ifPresent(
            answer -> {
              assertThat(answer.assertionConsumerService()).hasToString(ACS);
              assertThat(answer.requestId()).isEqualTo(request.id);
              assertThat(answer.status()).isEqualTo(AuthnRequestRefusal.REQUESTER);
            });
  }

  private static AuthnRequestRefusal refusalOf(ThrowingCall call) {
    AuthnRequestRefusal refusal = catchThrowableOfType(AuthnRequestRefusal.class, call::run);
    assertThat(refusal).isNotNull();
    return refusal;
  }

  @FunctionalInterface
  interface ThrowingCall {
    void run() throws Exception;
  }

  @Test
  void aReplayedRequestIsRefusedWithAPage() throws Exception {
    EidasRequest request = good();
    String form = request.toPostForm(CONNECTOR, null).get("SAMLRequest");
    postRaw(form, WITH_SP_TYPE, BG, Optional.empty());

    AuthnRequestRefusal refusal =
        refusalOf(() -> postRaw(form, WITH_SP_TYPE, BG, Optional.empty()));

    assertThat(refusal.rule()).isEqualTo("replay");
    assertThat(refusal.answer()).isEmpty();
  }

  @Test
  void aRequestSignedByAnotherKeyIsRefused() {
    String form = Base64.getEncoder().encodeToString(good().toXml(STRANGER));

    assertThat(refusalOf(() -> postRaw(form, WITH_SP_TYPE, BG, Optional.empty())).rule())
        .isEqualTo("bad-signature");
  }

  @Test
  void aRequestChangedAfterSigningIsRefused() {
    String xml = new String(good().toXml(CONNECTOR), StandardCharsets.UTF_8);
    String changed = xml.replace("ForceAuthn=\"true\"", "ForceAuthn=\"false\"");
    assertThat(changed).isNotEqualTo(xml);

    assertThat(refusalOf(() -> postRaw(base64(changed), WITH_SP_TYPE, BG, Optional.empty())).rule())
        .isEqualTo("bad-signature");
  }

  @Test
  void aSignatureWrappedAroundAnotherRequestIsRefused() throws Exception {
    // XSW: the signed request is moved inside an evil one that carries its signature.
    Document document = Xml.parse(good().toXml(CONNECTOR));
    Element signed = document.getDocumentElement();
    Element evil = (Element) signed.cloneNode(true);
    evil.setAttribute("ID", "_evil");
    evil.setAttribute("Destination", SSO);
    Element extensions = first(evil, "Extensions");
    extensions.appendChild(signed);
    document.appendChild(evil);

    AuthnRequestRefusal refusal =
        refusalOf(
            () ->
                postRaw(
                    base64(new String(Xml.toBytes(document), StandardCharsets.UTF_8)),
                    WITH_SP_TYPE,
                    BG,
                    Optional.empty()));

    assertThat(refusal.rule()).isIn("bad-signature", "malformed");
  }

  @Test
  void aDoctypeIsRefusedBeforeAnythingIsRead() {
    String xml = new String(good().toXml(CONNECTOR), StandardCharsets.UTF_8);

    assertThat(
            refusalOf(
                    () ->
                        postRaw(
                            base64("<!DOCTYPE x [<!ENTITY a \"aaaa\">]>" + xml),
                            WITH_SP_TYPE,
                            BG,
                            Optional.empty()))
                .rule())
        .isEqualTo("malformed");
  }

  @Test
  void somethingElseThanAnAuthnRequestIsRefused() {
    String response =
        "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" ID=\"_r\""
            + " Version=\"2.0\" IssueInstant=\"2026-01-01T00:00:00Z\"/>";

    assertThat(
            refusalOf(() -> postRaw(base64(response), WITH_SP_TYPE, BG, Optional.empty())).rule())
        .isEqualTo("not-authn-request");
  }

  @Test
  void notBase64AndTooLargeAreRefused() {
    assertThat(refusalOf(() -> postRaw("%%%", WITH_SP_TYPE, BG, Optional.empty())).rule())
        .isEqualTo("malformed");
    assertThat(
            refusalOf(() -> postRaw("A".repeat(200_000), WITH_SP_TYPE, BG, Optional.empty()))
                .rule())
        .isEqualTo("too-large");
  }

  @Test
  void aLongRelayStateIsRefused() {
    assertThat(refusalOf(() -> post(good(), WITH_SP_TYPE, BG, Optional.of("r".repeat(81)))).rule())
        .isEqualTo("relay-state");
  }

  @Test
  void expiredConnectorMetadataIsRefused() {
    ConnectorPeer expired =
        new ConnectorPeer(
            WITH_SP_TYPE.entityId(),
            WITH_SP_TYPE.nodeCountry(),
            WITH_SP_TYPE.spType(),
            WITH_SP_TYPE.signingCertificates(),
            WITH_SP_TYPE.encryptionKeys(),
            WITH_SP_TYPE.assertionConsumerServices(),
            WITH_SP_TYPE.protocolVersions(),
            Optional.of(Instant.now().minusSeconds(1)));

    assertThat(refusalOf(() -> post(good(), expired, BG, Optional.empty())).rule())
        .isEqualTo("metadata-expired");
  }

  @Test
  void aPlainSamlRequestGetsTheMinimumDataSetOnlyWhereThatIsGranted() throws Exception {
    EidasRequest plain = good();
    plain.isPassive = null; // SAML's default, false
    plain.edit =
        request ->
            request.removeChild(
                request
                    .getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:protocol", "Extensions")
                    .item(0));
    String form = plain.toPostForm(CONNECTOR, null).get("SAMLRequest");
    TrustedConnector granted =
        new Connector(
            Optional.of(WITHOUT_SP_TYPE),
            CountryCode.BG,
            AlgorithmPolicy.eidasStrict(),
            Optional.of(ConnectorPeer.SpType.PUBLIC));

    EidasAuthnRequest taken =
        intake.fromPost(
            form,
            Optional.empty(),
            BG,
            issuer -> ENTITY.equals(issuer) ? Optional.of(granted) : Optional.empty(),
            Instant.now());

    assertThat(taken.spType()).isEqualTo(ConnectorPeer.SpType.PUBLIC);
    assertThat(taken.required())
        .containsExactlyInAnyOrder(
            NaturalPersonAttribute.PERSON_IDENTIFIER,
            NaturalPersonAttribute.CURRENT_FAMILY_NAME,
            NaturalPersonAttribute.CURRENT_GIVEN_NAME,
            NaturalPersonAttribute.DATE_OF_BIRTH);
    assertThat(taken.attributes()).isEqualTo(taken.required());
    // The same request from an eIDAS connector is held to the profile: IsPassive, then SPType.
    EidasRequest again = good();
    again.edit = plain.edit;
    again.isPassive = null;
    String withoutFlag = again.toPostForm(CONNECTOR, null).get("SAMLRequest");
    assertThat(refusalOf(() -> postRaw(withoutFlag, WITHOUT_SP_TYPE, BG, Optional.empty())).rule())
        .isEqualTo("is-passive");
    EidasRequest third = good();
    third.edit = plain.edit;
    String withoutExtensions = third.toPostForm(CONNECTOR, null).get("SAMLRequest");
    assertThat(
            refusalOf(() -> postRaw(withoutExtensions, WITHOUT_SP_TYPE, BG, Optional.empty()))
                .rule())
        .isEqualTo("sp-type");
  }

  /** What a plain SAML service provider granted its relaxation is still held to. */
  @Test
  void aPlainSamlServiceProviderIsStillHeldToForceAuthnIsPassiveAndItsMetadata() throws Exception {
    Function<EidasRequest, String> plain =
        request -> {
          request.edit =
              element ->
                  element.removeChild(
                      element
                          .getElementsByTagNameNS(
                              "urn:oasis:names:tc:SAML:2.0:protocol", "Extensions")
                          .item(0));
          return request.toPostForm(CONNECTOR, null).get("SAMLRequest");
        };
    EidasRequest noForce = good();
    noForce.forceAuthn = null;
    EidasRequest passive = good();
    passive.isPassive = "true";
    TrustedConnector granted =
        new Connector(
            Optional.of(WITHOUT_SP_TYPE),
            CountryCode.BG,
            AlgorithmPolicy.eidasStrict(),
            Optional.of(ConnectorPeer.SpType.PUBLIC));
    TrustedConnector contradicted =
        new Connector(
            Optional.of(WITH_SP_TYPE),
            CountryCode.BG,
            AlgorithmPolicy.eidasStrict(),
            Optional.of(ConnectorPeer.SpType.PRIVATE));

    assertThat(refusalOf(() -> plainPost(plain.apply(noForce), granted)).rule())
        .isEqualTo("force-authn");
    assertThat(refusalOf(() -> plainPost(plain.apply(passive), granted)).rule())
        .isEqualTo("is-passive");
    assertThat(refusalOf(() -> plainPost(plain.apply(good()), contradicted)).rule())
        .as("its configured SPType against its metadata's")
        .isEqualTo("sp-type");
  }

  private EidasAuthnRequest plainPost(String form, TrustedConnector connector)
      throws AuthnRequestRefusal {
    return intake.fromPost(
        form,
        Optional.empty(),
        BG,
        issuer -> ENTITY.equals(issuer) ? Optional.of(connector) : Optional.empty(),
        Instant.now());
  }

  @Test
  void aConnectorWhoseMetadataWasNeverReadIsNotTrusted() {
    AuthnRequestRefusal refusal = refusalOf(() -> post(good(), null, BG, Optional.empty()));

    assertThat(refusal.rule()).isEqualTo("metadata-unavailable");
    assertThat(refusal.answer()).isEmpty();
  }

  @Test
  void theSpTypeComesFromOnePlaceExactly() throws Exception {
    assertThat(refusalOf(() -> post(good(), WITHOUT_SP_TYPE, BG, Optional.empty())).rule())
        .as("in neither")
        .isEqualTo("sp-type");
    EidasRequest wrong = good();
    wrong.spType = "Public";
    assertThat(refusalOf(() -> post(wrong, WITHOUT_SP_TYPE, BG, Optional.empty())).rule())
        .as("not a value of the profile")
        .isEqualTo("sp-type");
    EidasRequest inRequest = good();
    inRequest.spType = "private";
    inRequest.requesterId = "https://bank.example.bg";
    assertThat(post(inRequest, WITHOUT_SP_TYPE, BG, Optional.empty()).spType())
        .isEqualTo(ConnectorPeer.SpType.PRIVATE);
  }

  @Test
  void aPrivateServiceMustBeNamed() throws Exception {
    EidasRequest request = good();
    request.spType = "private";

    assertThat(refusalOf(() -> post(request, WITHOUT_SP_TYPE, BG, Optional.empty())).rule())
        .isEqualTo("requester-id");
    EidasRequest named = good();
    named.spType = "private";
    named.requesterId = "https://bank.example.bg";
    assertThat(post(named, WITHOUT_SP_TYPE, BG, Optional.empty()).requesterId())
        .contains("https://bank.example.bg");
  }

  @Test
  void anOldRequestIsAnsweredOnceThenTreatedAsAReplay() {
    EidasRequest request = good();
    request.issueInstant = Instant.now().minus(Duration.ofHours(2));
    String form = request.toPostForm(CONNECTOR, null).get("SAMLRequest");

    assertThat(refusalOf(() -> postRaw(form, WITH_SP_TYPE, BG, Optional.empty())).rule())
        .isEqualTo("issue-instant");
    assertThat(refusalOf(() -> postRaw(form, WITH_SP_TYPE, BG, Optional.empty())).rule())
        .isEqualTo("replay");
  }

  @Test
  void aLevelNoNationalEidReachesIsAnsweredWithNoAuthnContext() {
    EidasRequest request = good();
    request.destination = "https://most.example/eidas/mk/sso";

    AuthnRequestRefusal refusal =
        refusalOf(() -> post(request, WITH_SP_TYPE, MK, Optional.empty()));

    assertThat(refusal.rule()).isEqualTo("level-unreachable");
    assertThat(refusal.answer().orElseThrow().subStatus())
        .contains(AuthnRequestRefusal.NO_AUTHN_CONTEXT);
  }

  @Test
  void theRedirectBindingsFaultsArePagesOnly() {
    String query = good().toRedirectQuery(CONNECTOR, "relay");
    assertThat(
            refusalOf(() -> redirect(query.replace("RelayState=relay", "RelayState=other"), BG))
                .rule())
        .as("relay state changed after signing")
        .isEqualTo("bad-signature");
    assertThat(refusalOf(() -> redirect(query.replaceAll("&Signature=[^&]*", ""), BG)).rule())
        .as("unsigned")
        .isEqualTo("unsigned");
    assertThat(refusalOf(() -> redirect(query + "&SAMLRequest=x", BG)).rule())
        .as("SAMLRequest twice")
        .isEqualTo("malformed");
    EidasRequest stranger = good();
    assertThat(refusalOf(() -> redirect(stranger.toRedirectQuery(STRANGER, null), BG)).rule())
        .as("signed by another key")
        .isEqualTo("bad-signature");
    assertThat(
            refusalOf(() -> redirect("SAMLRequest=" + bomb() + "&SigAlg=x&Signature=x", BG)).rule())
        .as("a deflate bomb")
        .isEqualTo("malformed");
  }

  /** A few KiB that inflate to 10 MiB of spaces. */
  private static String bomb() {
    return URLEncoder.encode(
        EidasRequest.deflate(" ".repeat(10 * 1024 * 1024).getBytes(StandardCharsets.US_ASCII)),
        StandardCharsets.UTF_8);
  }

  private static String base64(String xml) {
    return Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8));
  }

  private static Element first(Element root, String localName) {
    return (Element) root.getElementsByTagNameNS("*", localName).item(0);
  }

  private static void proxyCount(Element request) {
    Element scoping =
        request.getOwnerDocument().createElementNS(EidasRequest.SAMLP, "saml2p:Scoping");
    scoping.setAttribute("ProxyCount", "0");
    request.appendChild(scoping);
  }

  private static void subject(Element request) {
    Element subject =
        request.getOwnerDocument().createElementNS(ConnectorMetadata.SAML, "saml2:Subject");
    Element nameId =
        request.getOwnerDocument().createElementNS(ConnectorMetadata.SAML, "saml2:NameID");
    nameId.setTextContent("someone");
    subject.appendChild(nameId);
    request.insertBefore(subject, first(request, "Extensions").getNextSibling());
  }
}
