package eu.mostbridge.saml.eidas;

import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.saml.AlgorithmPolicy;
import java.util.Optional;

/** A connector as the intake of its requests needs it: its current metadata, country, policy. */
public interface TrustedConnector {
  /**
   * Its metadata as last read successfully; empty while it has never been read (its server was down
   * when Most started), when nothing from it is trusted.
   */
  Optional<ConnectorPeer> metadata();

  /**
   * Its country: from metadata, or configured where metadata names none.
   *
   * @throws IllegalStateException when neither is known (its metadata never read)
   */
  CountryCode nodeCountry();

  /**
   * For a plain SAML service provider, whose requests cannot carry eIDAS's extensions: the SPType
   * that stands in for the one they lack. Empty for an eIDAS connector, whose requests must carry
   * them.
   */
  default Optional<ConnectorPeer.SpType> spTypeWithoutExtensions() {
    return Optional.empty();
  }

  /** The algorithms and key sizes accepted from it. */
  AlgorithmPolicy algorithms();
}
