package eu.mostbridge.keycloak.national;

import eu.mostbridge.config.ConfigSection;
import eu.mostbridge.config.InvalidConfigurationException;
import eu.mostbridge.eidas.network.EidasCountryAdapter;
import eu.mostbridge.eidas.network.EidasNetwork;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.national.NationalEidContext;
import eu.mostbridge.saml.SamlMessages;
import eu.mostbridge.saml.eidas.ConnectorMetadataWriter;
import eu.mostbridge.saml.eidas.ConnectorPeer;
import eu.mostbridge.saml.eidas.ProxyServiceIdentity;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * "EU country through the eIDAS network": Keycloak as the eIDAS connector of its realm's country
 * towards one member state's ProxyService (Greece's, Croatia's, ...), built by the code of Most's
 * own connector ({@link EidasNetwork}, {@link EidasCountryAdapter}): the connector's signed
 * metadata at the provider's entity ID ({@code .../endpoint/descriptor}), signed AuthnRequests, the
 * ProxyService trusted through its metadata signed by the configured certificate, its answers
 * checked as the EU reference connector checks them. One provider per member state.
 */
public class EidasNetworkProviderFactory extends NationalEidProviderFactory {
  private static final Logger LOG = Logger.getLogger(EidasNetworkProviderFactory.class);

  /** The eID id: the type is {@code most-eidas-network}. */
  public static final String ID = "eidas-network";

  /** How soon metadata that could not be read is tried again. */
  static final java.time.Duration RETRY_AFTER_FAILURE = java.time.Duration.ofSeconds(30);

  public EidasNetworkProviderFactory() {
    super(ID);
  }

  @Override
  public String getName() {
    return "EU country through the eIDAS network";
  }

  /** Its settings replace the common ones: the connector's country is the destination. */
  @Override
  public List<ProviderConfigProperty> getConfigProperties() {
    return settings().build();
  }

  @Override
  protected Settings settings() {
    return Settings.level()
        .text("country")
        .text("node-country")
        .choice("sp-type", ConnectorPeer.SpType.PUBLIC.value(), spTypes())
        .text("keystore")
        .secret("keystore-password")
        .text("signing-alias", "signing")
        .text("encryption-aliases", "encryption")
        .text("signature-algorithm")
        .text("entity-id")
        .text("trust-anchor")
        .text("metadata-url")
        .text("metadata-file")
        .text("metadata-refresh", "PT1H")
        .choices(
            "relaxations",
            EidasCountryAdapter.ALLOWED_RELAXATIONS.stream().map(Enum::name).sorted().toList())
        .text("pending-lifetime", "10m")
        .text("organization-name")
        .text("organization-display-name")
        .text("organization-url")
        .text("support-contact")
        .text("technical-contact")
        .secret(PseudonymKeys.SETTING);
  }

  /** The ProxyService decides: the connector's country, {@code node-country}. */
  @Override
  protected CountryCode defaultDestination(NationalEidProviderConfig config) {
    String node = config.getConfig().get("node-country");
    if (node == null || node.isBlank()) {
      throw new IllegalStateException(
          "Identity provider " + config.getAlias() + ": node-country is required");
    }
    return CountryCode.of(node.trim().toUpperCase(Locale.ROOT));
  }

  @Override
  protected Built build(NationalEidContext context) {
    ConfigSection settings = context.section();
    CountryCode country =
        settings
            .parsed("country", "a member state's code, such as EL or HR", CountryCode::ofEidas)
            .orElseThrow(() -> settings.problem("country", "is required"));
    EidasNetwork network =
        EidasNetwork.create(
                new OneCountry(settings, country),
                context.defaultEntityId(),
                context.callback(),
                publisher(settings),
                context.replayCache(),
                context.clock())
            .orElseThrow(() -> settings.problem("country", "is required"));
    EidasNetwork.TrustedProxyService service = network.proxyServices().get(0);
    AtomicReference<Instant> nextRead = new AtomicReference<>(Instant.MIN);
    Runnable freshen =
        () -> {
          Instant now = context.clock().instant();
          Instant due = nextRead.get();
          // One reader at a time; the others go on with the copy they have.
          if (now.isBefore(due) || !nextRead.compareAndSet(due, now.plus(RETRY_AFTER_FAILURE))) {
            return;
          }
          if (service.refresh()) {
            nextRead.set(now.plus(service.refreshEvery()));
          } else {
            LOG.warnf(
                "The eIDAS ProxyService of %s: its metadata at %s could not be read; tried again"
                    + " in %s, the copy last read used until its validUntil",
                country, service.source(), RETRY_AFTER_FAILURE);
          }
        };
    return new Built(
        service.adapter(),
        Optional.of(
            now ->
                SamlMessages.toXml(
                    ConnectorMetadataWriter.write(network.connector(), now, METADATA_VALIDITY))),
        freshen);
  }

  /** The Organization and contacts of the connector's metadata. */
  private static ProxyServiceIdentity.Publisher publisher(ConfigSection settings) {
    String name = settings.required("organization-name");
    URI url =
        settings
            .uri("organization-url")
            .orElseThrow(() -> settings.problem("organization-url", "is required"));
    List<ProxyServiceIdentity.Contact> contacts = new ArrayList<>();
    contacts.add(
        new ProxyServiceIdentity.Contact(
            ProxyServiceIdentity.Contact.Type.SUPPORT,
            Optional.of(name),
            settings.required("support-contact")));
    contacts.add(
        new ProxyServiceIdentity.Contact(
            ProxyServiceIdentity.Contact.Type.TECHNICAL,
            Optional.of(name),
            settings.required("technical-contact")));
    return new ProxyServiceIdentity.Publisher(
        name, settings.string("organization-display-name").orElse(name), url, contacts);
  }

  /**
   * The provider's settings in the shape of Most's {@code most.eidas.network} section with one
   * country: {@code countries} is the provider's {@code country}, and that country's section is the
   * provider's own settings, so every message names the setting the administrator sees.
   */
  private static final class OneCountry implements ConfigSection {
    private final ConfigSection settings;
    private final CountryCode country;

    OneCountry(ConfigSection settings, CountryCode country) {
      this.settings = settings;
      this.country = country;
    }

    @Override
    public String name() {
      return settings.name();
    }

    @Override
    public String keyName(String key) {
      return settings.keyName(key);
    }

    @Override
    public boolean isPresent() {
      return true;
    }

    @Override
    public ConfigSection section(String name) {
      if (name.equalsIgnoreCase(country.alpha2())) {
        return settings;
      }
      throw new InvalidConfigurationException(
          settings.name() + " configures the ProxyService of " + country + " only");
    }

    @Override
    public Optional<String> string(String key) {
      return "countries".equals(key) ? Optional.of(country.alpha2()) : settings.string(key);
    }

    @Override
    public Optional<List<String>> list(String key) {
      return "countries".equals(key) ? Optional.of(List.of(country.alpha2())) : settings.list(key);
    }

    @Override
    public Map<String, String> map(String key) {
      return settings.map(key);
    }
  }

  /** The SPType, read as the connector reads it (for the settings' options). */
  static List<String> spTypes() {
    return List.of(ConnectorPeer.SpType.PUBLIC.value(), ConnectorPeer.SpType.PRIVATE.value());
  }
}
