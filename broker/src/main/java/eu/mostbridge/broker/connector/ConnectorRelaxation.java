package eu.mostbridge.broker.connector;

import eu.mostbridge.saml.AlgorithmPolicy;
import java.util.Optional;

/**
 * The departures from the eIDAS profile one connector may be granted, each named in configuration,
 * logged at start-up and recorded in the audit events of its logins. A plain SAML service provider
 * (a Keycloak realm, say) needs some of them; an eIDAS node none.
 */
public enum ConnectorRelaxation {
  /** Its metadata is a file the operator installed, not signed (no trust list signs it). */
  UNSIGNED_METADATA_FILE(null),
  /** Its metadata names no {@code eidas:NodeCountry}; the connector's {@code node-country} is. */
  NO_NODE_COUNTRY(null),
  /**
   * Its signed metadata carries no {@code validUntil} (a Keycloak realm's does not): an old signed
   * copy is never refused as expired, so a replaced key stays trusted until the operator changes
   * the configured signer.
   */
  METADATA_WITHOUT_VALID_UNTIL(null),
  /**
   * Its requests are plain SAML 2.0, not eIDAS (a Keycloak realm's): without eIDAS extensions, its
   * {@code sp-type} stands in for the SPType and it receives the natural person's minimum data set;
   * IsPassive may be left out (SAML's default, false). ForceAuthn must still be true, and a request
   * that does carry extensions is held to every rule.
   */
  PLAIN_SAML_REQUESTS(null),
  /** Requests signed with RSA PKCS#1 v1.5 (SHA-256 or stronger), not PSS or ECDSA. */
  RSA_PKCS1_SIGNATURE(AlgorithmPolicy.Relaxation.RSA_PKCS1_SIGNATURE),
  /** RSA keys of 2048 to 3071 bits. */
  RSA_2048_KEYS(AlgorithmPolicy.Relaxation.RSA_2048_KEYS),
  /** Answers encrypted with {@code rsa-oaep-mgf1p} (SHA-1 inside OAEP), which it alone reads. */
  RSA_OAEP_MGF1P_KEY_TRANSPORT(AlgorithmPolicy.Relaxation.RSA_OAEP_MGF1P_KEY_TRANSPORT);

  private final AlgorithmPolicy.Relaxation algorithm;

  ConnectorRelaxation(AlgorithmPolicy.Relaxation algorithm) {
    this.algorithm = algorithm;
  }

  /** The eIDAS profile's algorithms, relaxed by those of {@code granted}. */
  public static AlgorithmPolicy algorithms(java.util.Set<ConnectorRelaxation> granted) {
    return AlgorithmPolicy.eidasStrict()
        .relaxedBy(
            granted.stream()
                .flatMap(r -> r.algorithm().stream())
                .collect(java.util.stream.Collectors.toSet()));
  }

  /** The algorithm relaxation it grants, if it is one. */
  public Optional<AlgorithmPolicy.Relaxation> algorithm() {
    return Optional.ofNullable(algorithm);
  }
}
