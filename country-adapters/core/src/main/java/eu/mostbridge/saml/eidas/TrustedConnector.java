package eu.mostbridge.saml.eidas;

import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.saml.AlgorithmPolicy;

/** A connector as the intake of its requests needs it: its current metadata, country, policy. */
public interface TrustedConnector {
  /** Its metadata as last read successfully. */
  ConnectorPeer metadata();

  /** Its country: from metadata, or configured where metadata names none. */
  CountryCode nodeCountry();

  /** The algorithms and key sizes accepted from it. */
  AlgorithmPolicy algorithms();
}
