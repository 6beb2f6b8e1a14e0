package eu.mostbridge.broker.connector;

import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.saml.AlgorithmPolicy;
import eu.mostbridge.saml.eidas.ConnectorMetadataReader;
import eu.mostbridge.saml.eidas.ConnectorPeer;
import eu.mostbridge.saml.metadata.MetadataException;
import eu.mostbridge.saml.metadata.MetadataFetch;
import eu.mostbridge.saml.metadata.RefreshingMetadata;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The connectors of {@code most.eidas.connectors.<id>.*}: each trusted only through its metadata,
 * re-read every {@code metadata-refresh} on a thread of its own; a refresh that fails is logged and
 * the last good copy kept. A metadata file that cannot be used stops start-up (the operator's
 * mistake); metadata from a URL that cannot be read yet does not: Most starts, refuses that
 * connector's requests (with an error page; the audit names the rule) and tries again every 30
 * seconds until it can.
 */
@ApplicationScoped
public class ConfiguredConnectors implements ConnectorSource {
  private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);

  private final EidasConfig config;
  private final Clock clock;
  private final MetadataRefresher refresher = new MetadataRefresher("most-eidas-metadata");
  private volatile List<ConnectorRegistration> connectors;

  public ConfiguredConnectors(EidasConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  @Override
  public List<ConnectorRegistration> connectors() {
    List<ConnectorRegistration> current = connectors;
    if (current == null) {
      synchronized (this) {
        if (connectors == null) {
          List<ConnectorRegistration> built = new ArrayList<>();
          for (Map.Entry<String, EidasConfig.Connector> entry : config.connectors().entrySet()) {
            built.add(build(entry.getKey(), entry.getValue()));
          }
          connectors = List.copyOf(built);
        }
        current = connectors;
      }
    }
    return current;
  }

  @PreDestroy
  void stop() {
    refresher.close();
  }

  private ConnectorRegistration build(String id, EidasConfig.Connector section) {
    String key = "most.eidas.connectors." + id;
    Set<ConnectorRelaxation> relaxations = EnumSet.noneOf(ConnectorRelaxation.class);
    relaxations.addAll(section.relaxations().orElse(List.of()));
    if (section.metadataUrl().isPresent() == section.metadataFile().isPresent()) {
      throw new IllegalStateException(key + ": set one of metadata-url and metadata-file");
    }
    if (relaxations.contains(ConnectorRelaxation.UNSIGNED_METADATA_FILE)
        && section.metadataUrl().isPresent()) {
      throw new IllegalStateException(
          key + ": UNSIGNED_METADATA_FILE is for a file the operator installed, never for a URL");
    }
    Optional<X509Certificate> signer =
        relaxations.contains(ConnectorRelaxation.UNSIGNED_METADATA_FILE)
            ? Optional.empty()
            : Optional.of(
                certificate(
                    section
                        .metadataSigner()
                        .orElseThrow(
                            () ->
                                new IllegalStateException(
                                    key
                                        + ".metadata-signer: the certificate its metadata is"
                                        + " signed with is required")),
                    key + ".metadata-signer"));
    Optional<CountryCode> configuredCountry;
    try {
      configuredCountry = section.nodeCountry().map(CountryCode::of);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(key + ".node-country: " + e.getMessage(), e);
    }
    if (configuredCountry.isPresent()
        != relaxations.contains(ConnectorRelaxation.NO_NODE_COUNTRY)) {
      throw new IllegalStateException(
          key + ": node-country goes with the relaxation NO_NODE_COUNTRY, and only with it");
    }
    Optional<ConnectorPeer.SpType> spType =
        section
            .spType()
            .map(
                value ->
                    ConnectorPeer.SpType.parse(value)
                        .orElseThrow(
                            () ->
                                new IllegalStateException(
                                    key
                                        + ".sp-type: "
                                        + value
                                        + " is neither public nor private")));
    if (spType.isPresent() != relaxations.contains(ConnectorRelaxation.PLAIN_SAML_REQUESTS)) {
      throw new IllegalStateException(
          key + ": sp-type goes with the relaxation PLAIN_SAML_REQUESTS, and only with it");
    }
    if (spType.equals(Optional.of(ConnectorPeer.SpType.PRIVATE))) {
      throw new IllegalStateException(
          key
              + ".sp-type: a private sector service must be named by its RequesterID, which a"
              + " plain SAML request cannot carry");
    }
    boolean validUntilRequired =
        !relaxations.contains(ConnectorRelaxation.METADATA_WITHOUT_VALID_UNTIL);
    AlgorithmPolicy policy = ConnectorRelaxation.algorithms(relaxations);
    ConnectorMetadataReader reader = new ConnectorMetadataReader();
    RefreshingMetadata.Source<ConnectorPeer> source =
        () -> {
          byte[] xml =
              section.metadataUrl().isPresent()
                  ? MetadataFetch.url(section.metadataUrl().get(), FETCH_TIMEOUT)
                  : MetadataFetch.file(section.metadataFile().get());
          ConnectorPeer peer =
              reader.read(
                  xml, section.entityId(), signer, policy, validUntilRequired, clock.instant());
          if (peer.nodeCountry().isEmpty() && configuredCountry.isEmpty()) {
            throw new MetadataException(
                "The metadata names no eidas:NodeCountry (an eIDAS node's always does)");
          }
          if (peer.nodeCountry().isPresent() && configuredCountry.isPresent()) {
            throw new MetadataException(
                "The metadata names its NodeCountry; remove NO_NODE_COUNTRY and node-country");
          }
          return peer;
        };
    RefreshingMetadata<ConnectorPeer> metadata;
    if (section.metadataFile().isPresent()) {
      // The operator's own file: one that cannot be used is a mistake to show at start-up.
      try {
        metadata = new RefreshingMetadata<>(key, source);
      } catch (Exception e) {
        throw new IllegalStateException(
            key + ": its metadata cannot be used: " + e.getMessage(), e);
      }
    } else {
      // The connector's server may be down while Most starts: Most starts without trusting it,
      // and tries again soon rather than at the next hourly refresh.
      metadata = RefreshingMetadata.awaiting(key, source);
    }
    if (section.metadataRefresh().compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalStateException(key + ".metadata-refresh: at least one second");
    }
    refresher.keepFresh(key, metadata, section.metadataRefresh(), "the connector is trusted");
    return new ConnectorRegistration(
        id,
        section.entityId(),
        section.name().orElse(id),
        metadata::current,
        configuredCountry,
        spType,
        relaxations,
        section.identifier());
  }

  private static X509Certificate certificate(Path path, String key) {
    try (InputStream in = Files.newInputStream(path)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (IOException | CertificateException e) {
      throw new IllegalStateException(key + " cannot be read: " + e.getMessage(), e);
    }
  }
}
