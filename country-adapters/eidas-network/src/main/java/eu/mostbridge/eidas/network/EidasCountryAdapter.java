package eu.mostbridge.eidas.network;

import eu.mostbridge.adapter.AuthenticationFailure;
import eu.mostbridge.adapter.AuthenticationFailure.Reason;
import eu.mostbridge.adapter.AuthenticationRequest;
import eu.mostbridge.adapter.AuthenticationStart;
import eu.mostbridge.adapter.CountryAdapter;
import eu.mostbridge.adapter.NationalAnswer;
import eu.mostbridge.adapter.PendingAuthentication;
import eu.mostbridge.identity.CommonIdentity;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.LevelOfAssurance;
import eu.mostbridge.replay.ReplayCache;
import eu.mostbridge.saml.AlgorithmPolicy;
import eu.mostbridge.saml.IdentityProviderPeer;
import eu.mostbridge.saml.PostBinding;
import eu.mostbridge.saml.SamlBinding;
import eu.mostbridge.saml.SamlMessages;
import eu.mostbridge.saml.SamlResponseValidator;
import eu.mostbridge.saml.SamlXmlParser;
import eu.mostbridge.saml.ValidatedAssertion;
import eu.mostbridge.saml.eidas.ConnectorIdentity;
import eu.mostbridge.saml.eidas.EidasLevel;
import eu.mostbridge.saml.eidas.ProxyServicePeer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.opensaml.saml.saml2.core.AuthnRequest;

/**
 * The citizens of one member state, reached through its eIDAS ProxyService with Most as the
 * connector: id {@code <cc>-eidas}. The ProxyService is trusted as its metadata, last read
 * successfully, describes it; until that metadata is read the country offers no level (the choice
 * page does not list it) and an answer is refused as {@code NATIONAL_UNAVAILABLE}.
 */
public final class EidasCountryAdapter implements CountryAdapter {
  private static final String LEVEL = "eidas_level";

  /**
   * The only relaxations a ProxyService may be granted: a legacy key transport from a node below
   * protocol version 1.4, and 2048-bit RSA keys. Nothing that opens CBC, SHA-1 or unsigned answers.
   */
  public static final Set<AlgorithmPolicy.Relaxation> ALLOWED_RELAXATIONS =
      Set.of(
          AlgorithmPolicy.Relaxation.RSA_OAEP_MGF1P_KEY_TRANSPORT,
          AlgorithmPolicy.Relaxation.RSA_2048_KEYS);

  private final String id;
  private final CountryCode country;
  private final ConnectorIdentity connector;
  private final Supplier<Optional<ProxyServicePeer>> proxyService;
  private final Set<AlgorithmPolicy.Relaxation> relaxations;
  private final Duration pendingLifetime;
  private final Clock clock;
  private final SamlResponseValidator validator;

  /**
   * @param proxyService the ProxyService as last read from its metadata; empty until read
   * @param relaxations algorithm relaxations granted to this ProxyService ({@code
   *     RSA_OAEP_MGF1P_KEY_TRANSPORT} takes effect only while it declares a protocol version below
   *     1.4)
   */
  public EidasCountryAdapter(
      CountryCode country,
      ConnectorIdentity connector,
      Supplier<Optional<ProxyServicePeer>> proxyService,
      Set<AlgorithmPolicy.Relaxation> relaxations,
      Duration pendingLifetime,
      ReplayCache replayCache,
      Clock clock) {
    this.id = idFor(country);
    this.country = country;
    this.connector = connector;
    this.proxyService = proxyService;
    if (!ALLOWED_RELAXATIONS.containsAll(relaxations)) {
      throw new IllegalArgumentException(
          id
              + ": a ProxyService may be relaxed only by "
              + ALLOWED_RELAXATIONS.stream().map(Enum::name).sorted().toList()
              + " (the eIDAS crypto profile allows nothing weaker)");
    }
    this.relaxations = Set.copyOf(relaxations);
    this.pendingLifetime = pendingLifetime;
    this.clock = clock;
    this.validator =
        new SamlResponseValidator(
            connector.serviceProvider(),
            () -> identityProvider(current().orElseThrow()),
            replayCache,
            clock,
            new SamlXmlParser(),
            true);
    eu.mostbridge.adapter.RelaxationLog.announce(id, relaxations());
  }

  /** The adapter id of {@code country}'s ProxyService: {@code el-eidas}. */
  public static String idFor(CountryCode country) {
    return country.alpha2().toLowerCase(java.util.Locale.ROOT) + "-eidas";
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public CountryCode country() {
    return country;
  }

  /** Every ProxyService answers at the one consumer service of Most's connector metadata. */
  @Override
  public String callbackId() {
    return EidasNetwork.CALLBACK_ID;
  }

  /** PersonIdentifiers are made for the connector's country, whichever service asked. */
  @Override
  public Optional<CountryCode> fixedDestination() {
    return Optional.of(connector.nodeCountry());
  }

  /** The ProxyService as last read, if its metadata has been read. */
  public Optional<ProxyServicePeer> current() {
    return proxyService.get();
  }

  @Override
  public Set<LevelOfAssurance> supportedLevels() {
    return current()
        .map(p -> p.levels().stream().map(EidasLevel::level).collect(Collectors.toSet()))
        .orElse(Set.of());
  }

  @Override
  public Set<String> relaxations() {
    return relaxations.stream().map(Enum::name).collect(Collectors.toCollection(TreeSet::new));
  }

  @Override
  public AuthenticationStart start(AuthenticationRequest request) throws AuthenticationFailure {
    ProxyServicePeer peer = available();
    LevelOfAssurance level = levelFor(request.minimumLevel());
    // A notified level where the ProxyService publishes both families for this level.
    EidasLevel asked =
        peer.levels().stream()
            .filter(l -> l.level() == level)
            .min(Comparator.comparing(l -> !l.notified()))
            .orElseThrow();
    boolean post = peer.singleSignOnPost().isPresent();
    URI sso = post ? peer.singleSignOnPost().get() : peer.singleSignOnRedirect().orElseThrow();
    Instant now = clock.instant();
    String requestId = SamlMessages.newId();
    AuthnRequest authnRequest =
        EidasRequests.build(
            connector,
            identityProvider(peer, sso),
            requestId,
            now,
            asked,
            peer.requesterIdFlag() ? request.requesterName() : Optional.empty());
    return new AuthenticationStart(
        (post ? SamlBinding.POST : SamlBinding.REDIRECT)
            .carry(authnRequest, connector.signing(), connector.signatureAlgorithm()),
        new PendingAuthentication(
            id,
            requestId,
            request.minimumLevel(),
            connector.nodeCountry(),
            now.plus(pendingLifetime),
            PendingAuthentication.protocolState(
                Map.of(LEVEL, asked.uri()), request.forceReauthentication(), now)));
  }

  @Override
  public String correlationOf(NationalAnswer answer) throws AuthenticationFailure {
    available();
    return validator.inResponseTo(PostBinding.postedResponse(answer));
  }

  @Override
  public CommonIdentity complete(NationalAnswer answer, PendingAuthentication pending)
      throws AuthenticationFailure {
    pending.requireOpenFor(id, clock.instant());
    ProxyServicePeer peer = available();
    EidasLevel asked =
        EidasLevel.parse(pending.protocolState().get(LEVEL))
            .orElseThrow(
                () ->
                    new AuthenticationFailure(
                        Reason.WRONG_PARTY, "The login does not say which level it asked for"));
    ValidatedAssertion assertion = validator.validate(PostBinding.postedResponse(answer), pending);
    EidasLevel reached = EidasAnswers.level(assertion, peer, asked, pending.requestedLevel());
    return EidasAnswers.identity(assertion, country, connector.nodeCountry(), reached.level());
  }

  private ProxyServicePeer available() throws AuthenticationFailure {
    return current()
        .orElseThrow(
            () ->
                new AuthenticationFailure(
                    Reason.NATIONAL_UNAVAILABLE,
                    id + ": the ProxyService's metadata has not been read yet"));
  }

  private IdentityProviderPeer identityProvider(ProxyServicePeer peer) {
    return identityProvider(
        peer, peer.singleSignOnPost().orElseGet(() -> peer.singleSignOnRedirect().orElseThrow()));
  }

  /**
   * The ProxyService as the SAML checks hold it: its signing keys only, the eIDAS algorithms with
   * its relaxations (mgf1p only while it declares a version below 1.4), encrypted assertions
   * required, the assertion's own signature not (eIDAS signs the Response, which {@link
   * EidasAnswers} requires).
   */
  private IdentityProviderPeer identityProvider(ProxyServicePeer peer, URI sso) {
    Set<AlgorithmPolicy.Relaxation> effective = EnumSet.noneOf(AlgorithmPolicy.Relaxation.class);
    effective.addAll(relaxations);
    if (!peer.allowsMgf1pKeyTransport()) {
      effective.remove(AlgorithmPolicy.Relaxation.RSA_OAEP_MGF1P_KEY_TRANSPORT);
    }
    return IdentityProviderPeer.strict(
            peer.entityId(),
            sso,
            peer.signingCertificates(),
            AlgorithmPolicy.eidasStrict().relaxedBy(effective))
        .withAssertionRequirements(true, false);
  }
}
