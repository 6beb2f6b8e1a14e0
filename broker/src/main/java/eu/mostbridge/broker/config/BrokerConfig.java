package eu.mostbridge.broker.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The broker's configuration, under {@code most.*} (application.properties, env, -D). */
@ConfigMapping(prefix = "most")
public interface BrokerConfig {
  /** The issuer relying parties see in {@code iss}: the broker's external base URL. */
  URI issuer();

  /**
   * The relying parties: a YAML or JSON file (a ConfigMap in Kubernetes). Optional only in the demo
   * artifact, which registers its own clients in code.
   */
  Optional<Path> clientsFile();

  /** How ID tokens are signed. */
  Signing signing();

  /** How long each piece of flow state lives. */
  Lifetimes lifetimes();

  /** Keys for the pairwise subject and the identifier pseudonym. */
  Secrets secrets();

  /** What the public port accepts. */
  Http http();

  /** Where logins in flight, codes and tokens live: this process, a cluster, or a server. */
  State state();

  /** Signing keys. */
  interface Signing {
    /**
     * Files with the private signing keys (Secrets in Kubernetes), comma-separated: JWK sets
     * ({@code .json}), PKCS#12 key stores ({@code .p12}, {@code .pfx}; the alias is the {@code
     * kid}) or PEM files with a private key and its certificate ({@code .pem}; the {@code kid} is
     * the key's thumbprint). Without any, the broker makes an ES256 key at start-up, which suits a
     * single demo process only.
     */
    Optional<List<Path>> keysFile();

    /** The password of the PKCS#12 key stores. */
    Optional<String> keystorePassword();

    /**
     * The algorithm of RSA keys that do not name one (PKCS#12, PEM): RS256 or PS256. An RS256 key
     * is required: OpenID Connect makes RS256 mandatory to offer.
     */
    @WithDefault("RS256")
    String rsaAlgorithm();

    /**
     * The key ids that sign, the first of each algorithm; every other key is only published in the
     * JWKS: a new key ahead of use, or a retired one kept until the tokens it signed have expired.
     * Without it, the first key of each algorithm signs.
     */
    Optional<List<String>> activeKeyIds();

    /**
     * The ID token algorithm of clients whose registration names none: RS256, the default of OpenID
     * Connect Dynamic Client Registration's {@code id_token_signed_response_alg}, which relying
     * party libraries expect (Spring Security refuses anything else unless configured). Clients may
     * choose ES256 or PS256 where a key supports it.
     */
    @WithDefault("RS256")
    String defaultAlgorithm();
  }

  /** What the public port accepts beside Quarkus' own {@code quarkus.http.*} limits. */
  interface Http {
    /**
     * The largest posted form other than a national eID's answer (those may reach {@code
     * quarkus.http.limits.max-body-size}): token and PAR requests, logout, the citizen's choices.
     */
    @WithDefault("64K")
    MemorySize formBodySize();
  }

  /** Lifetimes of flow state; every entry expires by itself. */
  interface Lifetimes {
    /** From the authorization request to the code: the citizen's time to choose and consent. */
    @WithDefault("PT15M")
    Duration login();

    /** An authorization code (RFC 6749 recommends at most 10 minutes; Most uses 60 s). */
    @WithDefault("PT60S")
    Duration code();

    /** An access token, for userinfo. */
    @WithDefault("PT5M")
    Duration accessToken();
  }

  /** Secrets that make identifiers unlinkable; both must be kept across restarts and replicas. */
  interface Secrets {
    /** Base64 of at least 32 random bytes: the HMAC key of pairwise {@code sub} values. */
    Optional<String> pairwiseKey();

    /** Base64 of at least 32 random bytes: the HMAC key of person identifier pseudonyms. */
    Optional<String> pseudonymKey();

    /** The id of the pseudonym key, carried in every pseudonym so the key can be rotated. */
    @WithDefault("p1")
    String pseudonymKeyId();
  }

  /** The broker's state (docs/DEPLOYMENT.md#state). */
  interface State {
    /**
     * {@code local}: caches in this process only (one replica; a restart forgets logins in flight).
     * {@code cluster}: embedded caches shared over JGroups between the broker's replicas. {@code
     * remote}: the caches live on an Infinispan Server, reached over Hot Rod.
     */
    @WithDefault("local")
    Mode mode();

    /**
     * The most logins in flight (authorized, not yet answered to the relying party) one replica
     * holds, pushed requests included; national requests are bounded by the same number. A new
     * login beyond it is refused with 503 until older ones end or expire: without a bound, a flood
     * of authorization requests (client id and redirect URI are public) fills the heap. Counted in
     * this replica's share of the embedded caches; with {@code mode=remote} bound the server's
     * caches instead. Default: as many of the largest logins an anonymous client can make as fit in
     * 40 % of the heap (docs/BENCHMARKS.md), at least 1,000.
     */
    OptionalLong maxLoginsInFlight();

    /** Embedded clustering, for {@code mode=cluster}. */
    Cluster cluster();

    /** An Infinispan Server, for {@code mode=remote}. */
    Remote remote();

    enum Mode {
      LOCAL,
      CLUSTER,
      REMOTE
    }

    /** The Hot Rod client. */
    interface Remote {
      /** The servers, {@code host:port;host:port} (11222 is Infinispan Server's default). */
      Optional<String> servers();

      /** The user Most authenticates as; without it, no authentication. */
      Optional<String> username();

      Optional<String> password();

      /** The SASL mechanism of the authentication. */
      @WithDefault("SCRAM-SHA-512")
      String saslMechanism();

      /**
       * A PKCS#12 trust store with the server's CA: Hot Rod then runs over TLS. Required unless
       * {@code allow-plaintext}.
       */
      Optional<Path> trustStore();

      Optional<String> trustStorePassword();

      /** The server's host name for TLS SNI and certificate checks, if not the first server's. */
      Optional<String> sniHostName();

      /**
       * A relaxation, logged at start-up: Hot Rod without TLS, so logins in flight (names,
       * identifiers) cross the network in clear. Only for a server on the same host or a private
       * test network.
       */
      @WithDefault("false")
      boolean allowPlaintext();

      /** Most's caches on the server are named with this prefix ({@code most-codes}, ...). */
      @WithDefault("most-")
      String cachePrefix();

      /**
       * How Most creates its caches when the server lacks them: {@code distributed} (2 owners, with
       * the same split rules as {@code mode=cluster}) on a clustered server, {@code local} on a
       * single server. Caches an operator created beforehand are used as they are.
       */
      @WithDefault("distributed")
      RemoteCacheMode cacheMode();
    }

    enum RemoteCacheMode {
      DISTRIBUTED,
      LOCAL
    }

    /** JGroups and the clustered caches. */
    interface Cluster {
      /** The cluster's name: replicas with the same name and discovery join one cluster. */
      @WithDefault("most")
      String name();

      /**
       * How replicas find each other: {@code dns-ping} asks DNS for the addresses behind a
       * Kubernetes headless Service; {@code tcpping} uses a fixed list (bare metal, tests).
       */
      @WithDefault("dns-ping")
      Discovery discovery();

      /**
       * The address JGroups binds to: an IP (Kubernetes passes the pod's), or a JGroups keyword
       * such as {@code SITE_LOCAL} or {@code match-interface:eth0}.
       */
      @WithDefault("SITE_LOCAL")
      String bindAddress();

      /** The JGroups TCP port; the failure detector uses this port + 100. */
      @WithDefault("7800")
      int bindPort();

      /** For {@code tcpping}: every replica's {@code host[port]}, this one included. */
      Optional<List<String>> initialHosts();

      /**
       * For {@code dns-ping}: the headless Service's DNS name, e.g. {@code
       * most-jgroups.most.svc.cluster.local}.
       */
      Optional<String> dnsQuery();

      /**
       * Copies of each entry. 2 survives the loss of any one replica; a login in flight is lost
       * only when every replica holding it dies before the cluster has made a new copy.
       */
      @WithDefault("2")
      int owners();

      /** This replica's name in the cluster view (default: host name and a random suffix). */
      Optional<String> nodeName();

      /**
       * TLS between replicas, both ways authenticated: a replica joins and reads the cluster's
       * state only with a certificate the others trust. Required unless {@code allow-plaintext}.
       */
      Tls tls();

      /**
       * A relaxation, logged at start-up: JGroups without TLS, so logins in flight (names,
       * identifiers) cross the network between replicas in clear and anything that reaches the
       * JGroups port may join. Only where the network between replicas is otherwise protected.
       */
      @WithDefault("false")
      boolean allowPlaintext();
    }

    /** Key material of the cluster's TLS (JGroups TCP). */
    interface Tls {
      /** PKCS#12 with the key and certificate this replica presents. */
      Optional<Path> keystore();

      Optional<String> keystorePassword();

      /** PKCS#12 with the certificates (or their CA) of the replicas this one accepts. */
      Optional<Path> truststore();

      Optional<String> truststorePassword();
    }

    enum Discovery {
      DNS_PING,
      TCPPING
    }
  }
}
