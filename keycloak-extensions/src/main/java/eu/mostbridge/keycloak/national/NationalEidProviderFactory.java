package eu.mostbridge.keycloak.national;

import eu.mostbridge.national.NationalEid;
import eu.mostbridge.national.NationalEidContext;
import eu.mostbridge.national.NationalEidFactory;
import eu.mostbridge.replay.ReplayCache;
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

  private final NationalEidFactory eid;
  private final Clock clock = Clock.systemUTC();
  private final ConcurrentMap<String, Built> built = new ConcurrentHashMap<>();
  private volatile KeycloakSessionFactory sessions;

  /** An adapter with what it was built from. */
  private record Built(Map<String, String> settings, URI endpoint, NationalEid eid) {}

  protected NationalEidProviderFactory(NationalEidFactory eid) {
    this.eid = Objects.requireNonNull(eid, "eid");
  }

  /** The national eID as Most's broker knows it. */
  NationalEidFactory eid() {
    return eid;
  }

  @Override
  public String getId() {
    return TYPE_PREFIX + eid.id();
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
  NationalEid adapter(NationalEidProviderConfig config, URI endpoint) {
    String key = config.getInternalId() + "|" + config.getAlias();
    Map<String, String> settings = Map.copyOf(config.getConfig());
    Built current = built.get(key);
    if (current != null
        && current.settings().equals(settings)
        && current.endpoint().equals(endpoint)) {
      return current.eid();
    }
    NationalEid fresh = build(config, endpoint, new KeycloakReplayCache(sessions, clock), settings);
    if (!fresh.adapter().relaxations().isEmpty()) {
      LOG.warnf(
          "Identity provider %s (%s) departs from the strict profile by %s",
          config.getAlias(), getId(), fresh.adapter().relaxations());
    }
    built.put(key, new Built(settings, endpoint, fresh));
    return fresh;
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
    build(
        config,
        endpoint,
        (scope, id, keepUntil) -> ReplayCache.Use.UNRECORDABLE,
        Map.copyOf(config.getConfig()));
  }

  private NationalEid build(
      NationalEidProviderConfig config,
      URI endpoint,
      ReplayCache replayCache,
      Map<String, String> settings) {
    String base = endpoint.toString().replaceFirst("/broker/[^/]+/endpoint$", "");
    return eid.create(
        new NationalEidContext(
            eid.id(),
            ModelConfigSection.of(config.getAlias(), settings),
            base,
            replayCache,
            clock,
            endpoint,
            endpoint + "/" + NationalEidEndpoint.DESCRIPTOR));
  }

  Clock clock() {
    return clock;
  }
}
