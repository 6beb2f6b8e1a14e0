package eu.mostbridge.eidas.network;

import eu.mostbridge.config.ConfigSection;
import eu.mostbridge.config.InvalidConfigurationException;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.replay.ReplayCache;
import eu.mostbridge.saml.AlgorithmPolicy;
import eu.mostbridge.saml.eidas.ConnectorIdentity;
import eu.mostbridge.saml.eidas.ConnectorPeer;
import eu.mostbridge.saml.eidas.ProxyServiceIdentity;
import eu.mostbridge.saml.eidas.ProxyServiceMetadataReader;
import eu.mostbridge.saml.eidas.ProxyServicePeer;
import eu.mostbridge.saml.metadata.MetadataFetch;
import eu.mostbridge.saml.metadata.RefreshingMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.opensaml.security.x509.BasicX509Credential;

/**
 * Most's eIDAS connector and the member states it reaches, built from the section {@code
 * most.eidas.network} (docs/EIDAS.md): the connector's keys, country and SPType, and per country
 * listed in {@code countries} a child section ({@code most.eidas.network.el.*}) naming its
 * ProxyService, where its metadata is read from and the certificate that must have signed it.
 *
 * <p>Metadata from a file is read now, and a file that fails stops start-up. Metadata from a URL is
 * read by whoever schedules {@link TrustedProxyService#refresh()}, so an unreachable ProxyService
 * never holds up start-up: its country is offered once its metadata is read. A copy past its {@code
 * validUntil} is no longer trusted, whatever the refresh does.
 */
public final class EidasNetwork {
  /** The configuration section. */
  public static final String SECTION = "most.eidas.network";

  /** Where every ProxyService answers: {@code <base>/callback/eidas-network}. */
  public static final String CALLBACK_ID = "eidas-network";

  /** The shortest refresh interval accepted: anything shorter is a busy loop against a peer. */
  static final Duration SHORTEST_REFRESH = Duration.ofSeconds(1);

  private final ConnectorIdentity connector;
  private final List<TrustedProxyService> proxyServices;

  private EidasNetwork(ConnectorIdentity connector, List<TrustedProxyService> proxyServices) {
    this.connector = connector;
    this.proxyServices = List.copyOf(proxyServices);
  }

  /**
   * One ProxyService with the metadata it is trusted through.
   *
   * @param adapter its country's adapter
   * @param metadata its metadata, as last read
   * @param source where the metadata comes from (a URL or a file), for logs
   * @param fromUrl whether the metadata is fetched (and so awaits its first {@link #refresh()})
   * @param refreshEvery how often it is read again
   */
  public record TrustedProxyService(
      EidasCountryAdapter adapter,
      RefreshingMetadata<ProxyServicePeer> metadata,
      String source,
      boolean fromUrl,
      Duration refreshEvery) {
    /** Reads the metadata again; never throws. */
    public boolean refresh() {
      return metadata.refresh();
    }
  }

  /** A network built by its owner rather than from configuration (the demo's simulators). */
  public static EidasNetwork of(
      ConnectorIdentity connector, List<TrustedProxyService> proxyServices) {
    return new EidasNetwork(connector, proxyServices);
  }

  public ConnectorIdentity connector() {
    return connector;
  }

  public List<TrustedProxyService> proxyServices() {
    return proxyServices;
  }

  public List<EidasCountryAdapter> adapters() {
    return proxyServices.stream().map(TrustedProxyService::adapter).toList();
  }

  /**
   * The network {@code section} configures, or empty when it is not set.
   *
   * @param base Most's public base URL, without a trailing slash
   * @param publisher the Organization and contacts Most's metadata names
   * @throws InvalidConfigurationException naming the key, when the section cannot be used
   */
  public static Optional<EidasNetwork> create(
      ConfigSection section,
      String base,
      ProxyServiceIdentity.Publisher publisher,
      ReplayCache replayCache,
      Clock clock) {
    return create(
        section,
        base + "/eidas/connector/metadata",
        URI.create(base + "/callback/" + CALLBACK_ID),
        publisher,
        replayCache,
        clock);
  }

  /**
   * The network {@code section} configures, its connector at addresses its host chooses (Keycloak's
   * {@code /realms/<realm>/broker/<alias>/endpoint}), or empty when the section is not set.
   *
   * @param entityId the connector's entity ID, the URL its metadata is served from (as the profile
   *     requires)
   * @param assertionConsumerService where every ProxyService answers
   */
  public static Optional<EidasNetwork> create(
      ConfigSection section,
      String entityId,
      URI assertionConsumerService,
      ProxyServiceIdentity.Publisher publisher,
      ReplayCache replayCache,
      Clock clock) {
    if (!section.isPresent()) {
      return Optional.empty();
    }
    ConnectorIdentity connector = connector(section, entityId, assertionConsumerService, publisher);
    Set<CountryCode> countries = countries(section);
    if (countries.contains(connector.nodeCountry())) {
      throw section.problem(
          "countries",
          "holds the connector's own country "
              + connector.nodeCountry()
              + ": its citizens use its national eIDs");
    }
    List<TrustedProxyService> proxyServices = new ArrayList<>();
    for (CountryCode country : countries) {
      ConfigSection one = section.section(country.alpha2().toLowerCase(Locale.ROOT));
      proxyServices.add(proxyService(one, country, connector, replayCache, clock));
    }
    return Optional.of(new EidasNetwork(connector, proxyServices));
  }

  /**
   * {@code countries}: member-state codes as eIDAS writes them; ISO's {@code GR} is read as {@code
   * EL}, the code every eIDAS node uses for Greece.
   */
  static Set<CountryCode> countries(ConfigSection section) {
    List<String> values =
        section
            .list("countries")
            .orElseThrow(() -> section.problem("countries", "must list at least one country"));
    Set<CountryCode> countries = new LinkedHashSet<>();
    for (String value : values) {
      try {
        countries.add(CountryCode.ofEidas(value));
      } catch (IllegalArgumentException e) {
        throw section.problem("countries", "holds something that is not a country code");
      }
    }
    return countries;
  }

  private static ConnectorIdentity connector(
      ConfigSection section,
      String entityId,
      URI assertionConsumerService,
      ProxyServiceIdentity.Publisher publisher) {
    CountryCode nodeCountry =
        section
            .parsed("node-country", "a two-letter country code", CountryCode::of)
            .orElseThrow(() -> section.problem("node-country", "is required"));
    ConnectorPeer.SpType spType =
        section
            .string("sp-type")
            .map(
                v ->
                    ConnectorPeer.SpType.parse(v)
                        .orElseThrow(() -> section.problem("sp-type", "must be public or private")))
            .orElse(ConnectorPeer.SpType.PUBLIC);
    String keyStoreKey = section.keyName("keystore");
    BasicX509Credential signing;
    List<BasicX509Credential> encryption = new ArrayList<>();
    try (InputStream in = Files.newInputStream(section.requiredPath("keystore"))) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      char[] password = section.required("keystore-password").toCharArray();
      store.load(in, password);
      signing =
          credential(
              keyStoreKey, store, section.string("signing-alias").orElse("signing"), password);
      for (String alias : section.list("encryption-aliases").orElse(List.of("encryption"))) {
        encryption.add(credential(keyStoreKey, store, alias, password));
      }
    } catch (IOException | GeneralSecurityException e) {
      throw new InvalidConfigurationException(
          keyStoreKey + " cannot be read: " + e.getMessage(), e);
    }
    String algorithm =
        section
            .string("signature-algorithm")
            .orElse(
                "EC".equals(signing.getPublicKey().getAlgorithm())
                    ? AlgorithmPolicy.ECDSA_SHA256
                    : AlgorithmPolicy.RSA_PSS_SHA256);
    try {
      return new ConnectorIdentity(
          entityId,
          nodeCountry,
          assertionConsumerService,
          spType,
          signing,
          encryption,
          algorithm,
          publisher);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationException(section.name() + ": " + e.getMessage(), e);
    }
  }

  private static BasicX509Credential credential(
      String key, KeyStore store, String alias, char[] password) throws GeneralSecurityException {
    if (!(store.getKey(alias, password) instanceof PrivateKey privateKey)
        || !(store.getCertificate(alias) instanceof X509Certificate certificate)) {
      throw new InvalidConfigurationException(
          key + " has no private key with certificate named " + alias);
    }
    return new BasicX509Credential(certificate, privateKey);
  }

  private static TrustedProxyService proxyService(
      ConfigSection section,
      CountryCode country,
      ConnectorIdentity connector,
      ReplayCache replayCache,
      Clock clock) {
    String entityId = section.required("entity-id");
    X509Certificate anchor = trustAnchor(section);
    Set<AlgorithmPolicy.Relaxation> relaxations =
        section.enumSet("relaxations", AlgorithmPolicy.Relaxation.class).orElse(Set.of());
    if (!EidasCountryAdapter.ALLOWED_RELAXATIONS.containsAll(relaxations)) {
      throw section.problem(
          "relaxations",
          "may hold only "
              + EidasCountryAdapter.ALLOWED_RELAXATIONS.stream().map(Enum::name).sorted().toList()
              + " for a ProxyService");
    }
    AlgorithmPolicy policy = AlgorithmPolicy.eidasStrict().relaxedBy(relaxations);
    Duration refresh = section.duration("metadata-refresh").orElse(Duration.ofHours(1));
    if (refresh.compareTo(SHORTEST_REFRESH) < 0) {
      throw section.problem("metadata-refresh", "must be at least one second");
    }
    Optional<Path> file = section.path("metadata-file");
    Optional<URI> url = section.uri("metadata-url");
    if (file.isPresent() && url.isPresent()) {
      throw section.problem("metadata-file", "and metadata-url exclude each other");
    }
    URI from = url.orElseGet(() -> URI.create(entityId));
    ProxyServiceMetadataReader reader = new ProxyServiceMetadataReader();
    RefreshingMetadata.Source<ProxyServicePeer> source =
        () ->
            reader.read(
                file.isPresent()
                    ? MetadataFetch.file(file.get())
                    : MetadataFetch.url(from, Duration.ofSeconds(10)),
                entityId,
                country,
                anchor,
                policy,
                clock.instant());
    String name = EidasCountryAdapter.idFor(country);
    RefreshingMetadata<ProxyServicePeer> metadata;
    if (file.isPresent()) {
      try {
        metadata = new RefreshingMetadata<>(name, source);
      } catch (Exception e) {
        throw new InvalidConfigurationException(
            section.keyName("metadata-file") + " cannot be used: " + e.getMessage(), e);
      }
    } else {
      metadata = RefreshingMetadata.awaiting(name, source);
    }
    RefreshingMetadata<ProxyServicePeer> trusted = metadata;
    EidasCountryAdapter adapter =
        new EidasCountryAdapter(
            country,
            connector,
            () ->
                trusted
                    .current()
                    .filter(
                        p -> p.validUntil().map(v -> clock.instant().isBefore(v)).orElse(false)),
            relaxations,
            section.duration("pending-lifetime").orElse(Duration.ofMinutes(10)),
            replayCache,
            clock);
    return new TrustedProxyService(
        adapter,
        metadata,
        file.map(Path::toString).orElse(from.toString()),
        file.isEmpty(),
        refresh);
  }

  private static X509Certificate trustAnchor(ConfigSection section) {
    String key = section.keyName("trust-anchor");
    try (InputStream in = Files.newInputStream(section.requiredPath("trust-anchor"))) {
      if (CertificateFactory.getInstance("X.509").generateCertificate(in)
          instanceof X509Certificate certificate) {
        return certificate;
      }
    } catch (IOException | GeneralSecurityException e) {
      throw new InvalidConfigurationException(key + " cannot be read: " + e.getMessage(), e);
    }
    throw new InvalidConfigurationException(key + " holds no X.509 certificate");
  }
}
