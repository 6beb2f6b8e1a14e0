package eu.mostbridge.broker.connector;

import eu.mostbridge.broker.client.IdentifierPolicy;
import eu.mostbridge.saml.AlgorithmPolicy;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Most's eIDAS face (docs/EIDAS.md), under {@code most.eidas.*}: an identity provider per origin
 * country whose keys are configured, the national eIDs whose schemes are notified, who publishes
 * the metadata, and the connectors trusted to send requests. Nothing here is needed when no
 * connector uses Most.
 */
@ConfigMapping(prefix = "most.eidas")
public interface EidasConfig {
  /**
   * The identity providers, by origin country in lower case ({@code mk}, {@code bg}): each needs a
   * national eID of that country and its own keys. Its metadata is served at {@code
   * <issuer>/eidas/<country>/metadata}, which is also its entity ID.
   */
  Map<String, ProxyServiceKeys> proxyServices();

  /**
   * The national eIDs (by id, e.g. {@code bg-eauth}) whose scheme is notified under the eIDAS
   * Regulation: their levels are {@code http://eidas.europa.eu/LoA/*}. Every other eID's are {@code
   * http://eidas.europa.eu/NotNotified/LoA/*}. An eID of a country outside the EU (eid.mk) cannot
   * be listed.
   */
  Optional<List<String>> notifiedEids();

  /** How long published metadata is valid ({@code validUntil}); it is re-signed every hour. */
  @WithDefault("P7D")
  Duration metadataValidity();

  /** Who runs the identity providers: the metadata's Organization and ContactPersons. */
  Publisher publisher();

  /** The connectors (and other SAML service providers) trusted, by an id of the operator's. */
  Map<String, Connector> connectors();

  /** The keys of one identity provider, in a PKCS#12 key store (a Kubernetes Secret). */
  interface ProxyServiceKeys {
    /** The PKCS#12 key store. */
    Path keystore();

    String keystorePassword();

    /** The key (with its certificate) that signs metadata and answers. */
    @WithDefault("signing")
    String signingAlias();

    /**
     * Certificates published as signing keys before they sign, so connectors trust them in time for
     * a rollover: make the next key, list it here, wait for connectors' metadata refresh, then make
     * it {@code signing-alias}.
     */
    Optional<List<String>> nextSigningAliases();

    /** The encryption certificate, separate from the signing one. */
    @WithDefault("encryption")
    String encryptionAlias();

    /**
     * ECDSA with SHA-256 over a P-256 key (the default), or RSASSA-PSS ({@code
     * http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1}) over RSA of 3072 bits or more.
     */
    @WithDefault(AlgorithmPolicy.ECDSA_SHA256)
    String signatureAlgorithm();
  }

  /** The metadata's Organization and ContactPersons. */
  interface Publisher {
    Optional<String> organizationName();

    /** The name people see; the organisation's name when not set. */
    Optional<String> displayName();

    Optional<URI> url();

    /** Where citizens' and connectors' operators get help. */
    Optional<String> supportEmail();

    /** Where connectors' operators reach Most's operators on technical matters. */
    Optional<String> technicalEmail();
  }

  /** A trusted connector. */
  interface Connector {
    /** Its entity ID: the Issuer of its requests, the Audience of Most's answers. */
    String entityId();

    /** Its metadata over HTTP(S), re-read every {@code metadata-refresh}; or a file. */
    Optional<URI> metadataUrl();

    Optional<Path> metadataFile();

    /**
     * The PEM certificate its metadata is signed with (as the eIDAS network's trust lists give it).
     * Required unless {@code UNSIGNED_METADATA_FILE} is among the relaxations.
     */
    Optional<Path> metadataSigner();

    /** How often metadata from a URL is re-read; the last good copy is kept when it fails. */
    @WithDefault("PT1H")
    Duration metadataRefresh();

    /** Its name on the citizen's consent page, before the service that asks through it. */
    Optional<String> name();

    /**
     * What its answers carry as PersonIdentifier: a pseudonym for this connector (the default), or
     * the national number (EGN, EMBG) where it has a legal basis to process it.
     */
    @WithDefault("pseudonym")
    IdentifierPolicy identifier();

    /**
     * Its country when its metadata publishes no {@code eidas:NodeCountry} (relaxation {@code
     * NO_NODE_COUNTRY}).
     */
    Optional<String> nodeCountry();

    /**
     * Its sector, {@code public} or {@code private}, when its requests carry no eIDAS extensions
     * (relaxation {@code PLAIN_SAML_REQUESTS}).
     */
    Optional<String> spType();

    /**
     * Departures from the eIDAS profile granted to this connector only, each logged at start-up and
     * in the audit of its logins (docs/EIDAS.md lists them).
     */
    Optional<List<ConnectorRelaxation>> relaxations();
  }
}
