package eu.mostbridge.simulator.saml;

/** Faults the simulator can be told to commit, so tests can prove the adapter refuses each. */
public enum SamlMisbehaviour {
  /** Sign with a key the service provider does not trust. */
  WRONG_SIGNING_KEY,
  /** Send the assertion without a signature. */
  UNSIGNED,
  /** Answer with time limits already past. */
  EXPIRED,
  /** Send the previous response again instead of a new one. */
  REPLAY,
  /** Address the assertion to another audience. */
  WRONG_AUDIENCE,
  /** Send the response to another destination and recipient. */
  WRONG_DESTINATION,
  /** Answer another request ID. */
  WRONG_IN_RESPONSE_TO,
  /** Leave out the personName attribute. */
  MISSING_ATTRIBUTE,
  /** Answer with an error status instead of an assertion. */
  ERROR_STATUS
}
