package eu.mostbridge.broker.eidas;

import eu.mostbridge.adapter.CountryAdapter;
import eu.mostbridge.broker.config.BrokerConfig;
import eu.mostbridge.broker.config.IssuerUrl;
import eu.mostbridge.broker.connector.EidasConfig;
import eu.mostbridge.broker.connector.MetadataPublisher;
import eu.mostbridge.broker.national.NationalEids;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.LevelOfAssurance;
import eu.mostbridge.saml.eidas.EidasLevel;
import eu.mostbridge.saml.eidas.ProxyServiceIdentity;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * Most's eIDAS identity providers, one per origin country whose keys are configured: each offers
 * that country's national eIDs, at the levels they reach, notified or not as {@code
 * most.eidas.notified-eids} says. Built at start-up, so a country without a national eID, an eID of
 * a country outside the EU listed as notified, a country whose eIDs are partly notified, or missing
 * publisher details stop Most with a message naming the key.
 */
@ApplicationScoped
@Startup
public class ProxyServices {
  private static final Logger LOG = Logger.getLogger(ProxyServices.class);

  /** The member states, whose schemes alone can be notified under the eIDAS Regulation. */
  static final Set<String> EU_MEMBER_STATES =
      Set.of(
          "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "HR", "HU", "IE",
          "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK");

  private final Map<CountryCode, ProxyServiceIdentity> byCountry = new LinkedHashMap<>();

  public ProxyServices(
      Instance<ProxyServiceKeySource> sources,
      NationalEids eids,
      EidasConfig config,
      BrokerConfig broker) {
    Map<CountryCode, ProxyServiceKeys> keys = new LinkedHashMap<>();
    sources.forEach(
        source ->
            source
                .keys()
                .forEach(
                    (country, set) -> {
                      if (keys.putIfAbsent(country, set) != null) {
                        throw new IllegalStateException(
                            "The eIDAS identity provider for " + country + " is configured twice");
                      }
                    }));
    // Only Most's own national eIDs: a citizen Most reached through another member state's
    // ProxyService is never passed on to the eIDAS network again.
    byCountry.putAll(
        build(
            keys,
            eids.all().stream().filter(e -> e.fixedDestination().isEmpty()).toList(),
            config,
            IssuerUrl.of(broker)));
    byCountry.forEach(
        (country, identity) ->
            LOG.infof(
                "eIDAS identity provider for %s: %s, levels %s",
                country, identity.entityId(), identity.levels()));
  }

  /**
   * The identity providers of {@code keys}, offering {@code eids}.
   *
   * @throws IllegalStateException naming the setting, when one cannot be built
   */
  static Map<CountryCode, ProxyServiceIdentity> build(
      Map<CountryCode, ProxyServiceKeys> keys,
      List<CountryAdapter> eids,
      EidasConfig config,
      IssuerUrl issuer) {
    Set<String> notified = notified(config, eids);
    Map<CountryCode, ProxyServiceIdentity> built = new LinkedHashMap<>();
    if (keys.isEmpty()) {
      return built;
    }
    ProxyServiceIdentity.Publisher publisher = MetadataPublisher.of(config, issuer);
    keys.forEach(
        (country, set) ->
            built.put(country, identity(country, set, eids, notified, publisher, issuer)));
    return built;
  }

  /** The identity provider for citizens of {@code country}, if one is configured. */
  public Optional<ProxyServiceIdentity> of(CountryCode country) {
    return Optional.ofNullable(byCountry.get(country));
  }

  /** The identity provider whose URL segment is {@code segment} ({@code mk}), if any. */
  public Optional<ProxyServiceIdentity> bySegment(String segment) {
    return byCountry.values().stream()
        .filter(identity -> segment(identity.nodeCountry()).equals(segment))
        .findFirst();
  }

  public Collection<ProxyServiceIdentity> all() {
    return List.copyOf(byCountry.values());
  }

  /** A country as its identity provider's URLs name it: {@code mk}. */
  public static String segment(CountryCode country) {
    return country.alpha2().toLowerCase(Locale.ROOT);
  }

  /** The metadata URL (the entity ID) of the identity provider for {@code country}. */
  public static String entityId(IssuerUrl issuer, CountryCode country) {
    return issuer.base() + "/eidas/" + segment(country) + "/metadata";
  }

  private static Set<String> notified(EidasConfig config, List<CountryAdapter> eids) {
    Set<String> notified = new TreeSet<>(config.notifiedEids().orElse(List.of()));
    for (String id : notified) {
      CountryAdapter eid =
          eids.stream()
              .filter(e -> e.id().equals(id))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "most.eidas.notified-eids: " + id + " is not a configured national eID"));
      if (!EU_MEMBER_STATES.contains(eid.country().alpha2())) {
        throw new IllegalStateException(
            "most.eidas.notified-eids: "
                + id
                + " identifies citizens of "
                + eid.country()
                + ", not a member state: only member states notify eID schemes under eIDAS");
      }
    }
    return notified;
  }

  private static ProxyServiceIdentity identity(
      CountryCode country,
      ProxyServiceKeys keys,
      List<CountryAdapter> eids,
      Set<String> notified,
      ProxyServiceIdentity.Publisher publisher,
      IssuerUrl issuer) {
    List<CountryAdapter> offered = eids.stream().filter(e -> e.country().equals(country)).toList();
    if (offered.isEmpty()) {
      throw new IllegalStateException(
          "most.eidas.proxy-services."
              + segment(country)
              + ": no national eID of "
              + country
              + " is configured, so its citizens could not log in");
    }
    Set<EidasLevel> levels = new java.util.LinkedHashSet<>();
    for (LevelOfAssurance level : LevelOfAssurance.values()) {
      for (CountryAdapter eid : offered) {
        if (eid.supportedLevels().contains(level)) {
          levels.add(new EidasLevel(level, notified.contains(eid.id())));
        }
      }
    }
    try {
      return new ProxyServiceIdentity(
          country,
          entityId(issuer, country),
          URI.create(issuer.base() + "/eidas/" + segment(country) + "/sso"),
          keys.signing(),
          keys.nextSigning(),
          keys.encryption(),
          keys.signatureAlgorithm(),
          new ArrayList<>(levels),
          publisher);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "most.eidas.proxy-services." + segment(country) + ": " + e.getMessage(), e);
    }
  }
}
