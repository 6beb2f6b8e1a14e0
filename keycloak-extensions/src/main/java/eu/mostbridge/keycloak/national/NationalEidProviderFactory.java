package eu.mostbridge.keycloak.national;

import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.national.NationalEid;
import eu.mostbridge.national.NationalEidContext;
import eu.mostbridge.national.NationalEidFactory;
import eu.mostbridge.replay.ReplayCache;
import eu.mostbridge.saml.AlgorithmPolicy;
import eu.mostbridge.saml.SamlMessages;
import eu.mostbridge.saml.metadata.SpMetadataWriter;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jboss.logging.Logger;
import org.keycloak.broker.provider.AbstractIdentityProviderFactory;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * One national eID as a Keycloak identity provider type, built by the same {@link
 * NationalEidFactory} as in Most's broker from the provider's settings. The adapter is built once
 * per provider and kept while its settings and address stay the same (it reads keystores and, where
 * configured, the provider's discovery document); each login's state lives in Keycloak's
 * authentication session, never here.
 */
public abstract class NationalEidProviderFactory
    extends AbstractIdentityProviderFactory<NationalEidProvider> {
  private static final Logger LOG = Logger.getLogger(NationalEidProviderFactory.class);

  /** Types are {@code most-} and the eID's id in Most: {@code most-bg-eauth}. */
  static final String TYPE_PREFIX = "most-";

  private final String eidId;
  private final java.util.Optional<NationalEidFactory> eid;
  private final Clock clock = Clock.systemUTC();
  private final ConcurrentMap<String, Cached> built = new ConcurrentHashMap<>();
  private volatile KeycloakSessionFactory sessions;

  /** The eIDs built from one provider's settings, by the address they answer at. */
  private record Cached(Map<String, String> settings, ConcurrentMap<URI, DirectEid> byEndpoint) {}

  /** The addresses one provider is built for at most (its frontend URL's, in a sane set-up one). */
  static final int MAX_ADDRESSES = 4;

  /** How long a signed copy of Keycloak's metadata is served before it is signed again. */
  static final java.time.Duration METADATA_RESIGNED = java.time.Duration.ofHours(1);

  /** How long Keycloak's signed SAML metadata is valid; it is signed again at every request. */
  static final java.time.Duration METADATA_VALIDITY = java.time.Duration.ofDays(7);

  /** A national eID built by its factory in Most, as the broker builds it. */
  protected NationalEidProviderFactory(NationalEidFactory eid) {
    this.eid = java.util.Optional.of(Objects.requireNonNull(eid, "eid"));
    this.eidId = eid.id();
  }

  /** An eID that {@link #build(NationalEidContext)} makes itself. */
  protected NationalEidProviderFactory(String eidId) {
    this.eid = java.util.Optional.empty();
    this.eidId = Objects.requireNonNull(eidId, "eidId");
  }

  @Override
  public String getId() {
    return TYPE_PREFIX + eidId;
  }

  /**
   * The country the person identifier is made for when the provider does not say: the country
   * across the border from the eID's.
   */
  protected CountryCode defaultDestination(NationalEidProviderConfig config) {
    CountryCode origin =
        eid.orElseThrow(() -> new IllegalStateException(getId() + " names no destination"))
            .country();
    return origin.equals(CountryCode.MK) ? CountryCode.BG : CountryCode.MK;
  }

  /** What the admin console lists the type as, in English (Keycloak shows no other language). */
  @Override
  public abstract String getName();

  /** The settings of this eID beyond {@link Settings#common()}. */
  protected abstract Settings settings();

  @Override
  public List<ProviderConfigProperty> getConfigProperties() {
    List<ProviderConfigProperty> all = new java.util.ArrayList<>(Settings.common().build());
    all.addAll(settings().build());
    return List.copyOf(all);
  }

  @Override
  public NationalEidProvider create(KeycloakSession session, IdentityProviderModel model) {
    return new NationalEidProvider(session, new NationalEidProviderConfig(this, model), this);
  }

  @Override
  public NationalEidProviderConfig createConfig() {
    return new NationalEidProviderConfig(this);
  }

  @Override
  public void postInit(KeycloakSessionFactory factory) {
    this.sessions = factory;
  }

  /**
   * The national eID of provider {@code config}, answering at {@code endpoint}: the one built
   * before, unless its settings or address changed since.
   *
   * @throws eu.mostbridge.config.InvalidConfigurationException when the settings cannot be used
   */
  DirectEid adapter(NationalEidProviderConfig config, URI endpoint, KeycloakSession session) {
    String key = config.getInternalId() == null ? config.getAlias() : config.getInternalId();
    Map<String, String> settings = settings(config);
    Cached current = built.get(key);
    if (current == null || !current.settings().equals(settings)) {
      current = new Cached(settings, new ConcurrentHashMap<>());
      built.put(key, current);
    }
    DirectEid known = current.byEndpoint().get(endpoint);
    if (known != null) {
      return known;
    }
    if (current.byEndpoint().size() >= MAX_ADDRESSES) {
      // A request's Host picks the address only where Keycloak's hostname is not set: building
      // for every name a stranger sends would cost a keystore and a signature each.
      throw new IllegalStateException(
          "answers at more than "
              + MAX_ADDRESSES
              + " addresses; set Keycloak's hostname (docs/KEYCLOAK.md)");
    }
    DirectEid fresh =
        build(
            config,
            endpoint,
            new KeycloakReplayCache(sessions, clock),
            Secrets.resolve(config.getAlias(), settings, session.vault()));
    if (!fresh.adapter().relaxations().isEmpty()) {
      LOG.warnf(
          "Identity provider %s (%s) departs from the strict profile by %s",
          config.getAlias(), getId(), fresh.adapter().relaxations());
    }
    DirectEid raced = current.byEndpoint().putIfAbsent(endpoint, fresh);
    return raced == null ? fresh : raced;
  }

  /** The provider's settings that hold a value. */
  private static Map<String, String> settings(NationalEidProviderConfig config) {
    Map<String, String> settings = new java.util.TreeMap<>();
    config
        .getConfig()
        .forEach(
            (name, value) -> {
              if (name != null && value != null) {
                settings.put(name, value);
              }
            });
    return Map.copyOf(settings);
  }

  /**
   * Builds the adapter from {@code config} and forgets it: what an administrator's save is checked
   * by.
   */
  void check(NationalEidProviderConfig config, RealmModel realm) {
    URI endpoint =
        URI.create(
            "https://keycloak.invalid/realms/"
                + realm.getName()
                + "/broker/"
                + config.getAlias()
                + "/endpoint");
    KeycloakSession session = org.keycloak.utils.KeycloakSessionUtil.getKeycloakSession();
    Map<String, String> settings = settings(config);
    build(
        config,
        endpoint,
        (scope, id, keepUntil) -> ReplayCache.Use.UNRECORDABLE,
        session == null ? settings : Secrets.resolve(config.getAlias(), settings, session.vault()));
  }

  private DirectEid build(
      NationalEidProviderConfig config,
      URI endpoint,
      ReplayCache replayCache,
      Map<String, String> settings) {
    String base = endpoint.toString().replaceFirst("/broker/[^/]+/endpoint$", "");
    ModelConfigSection section = ModelConfigSection.of(config.getAlias(), settings);
    Built eid =
        build(
            new NationalEidContext(
                eidId,
                section,
                base,
                replayCache,
                clock,
                endpoint,
                endpoint + "/" + NationalEidEndpoint.DESCRIPTOR));
    return new DirectEid(
        eid.adapter(),
        eid.metadata().map(this::signedHourly),
        eid.freshen(),
        PseudonymKeys.of(section));
  }

  /** What {@link #build(NationalEidContext)} makes: the adapter, its metadata, its freshening. */
  protected record Built(
      eu.mostbridge.adapter.CountryAdapter adapter,
      java.util.Optional<java.util.function.Function<java.time.Instant, String>> metadata,
      Runnable freshen) {}

  /** {@code sign}, its result served for an hour. */
  private java.util.function.Function<java.time.Instant, String> signedHourly(
      java.util.function.Function<java.time.Instant, String> sign) {
    java.util.concurrent.atomic.AtomicReference<java.util.Map.Entry<java.time.Instant, String>>
        signed = new java.util.concurrent.atomic.AtomicReference<>();
    return now -> {
      java.util.Map.Entry<java.time.Instant, String> copy = signed.get();
      if (copy == null || !now.isBefore(copy.getKey().plus(METADATA_RESIGNED))) {
        copy = Map.entry(now, sign.apply(now));
        signed.set(copy);
      }
      return copy.getValue();
    };
  }

  /**
   * Builds the eID from {@code context}, as Most's broker does: the adapter, and for a SAML eID
   * Keycloak's service provider metadata.
   */
  protected Built build(NationalEidContext context) {
    NationalEid built =
        eid.orElseThrow(() -> new IllegalStateException(getId() + " builds its own eID"))
            .create(context);
    return new Built(
        built.adapter(),
        built
            .serviceProvider()
            .map(
                sp ->
                    now ->
                        SamlMessages.toXml(
                            SpMetadataWriter.write(
                                sp,
                                AlgorithmPolicy.eidasStrict(),
                                now,
                                METADATA_VALIDITY,
                                AlgorithmPolicy.RSA_PSS_SHA256))),
        () -> {});
  }

  Clock clock() {
    return clock;
  }
}
