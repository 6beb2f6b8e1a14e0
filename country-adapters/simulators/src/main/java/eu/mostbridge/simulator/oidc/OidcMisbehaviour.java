package eu.mostbridge.simulator.oidc;

/** Faults the OIDC simulator can be told to commit. */
public enum OidcMisbehaviour {
  /** Sign the ID token with a key not in the JWKS. */
  WRONG_SIGNING_KEY,
  /** Send an unsigned ({@code alg: none}) ID token. */
  UNSIGNED,
  /**
   * Sign the ID token with HS256, using the public key as the HMAC secret (algorithm confusion).
   */
  HMAC_WITH_PUBLIC_KEY,
  /** An ID token already expired. */
  EXPIRED,
  /** An ID token for another client. */
  WRONG_AUDIENCE,
  /** An ID token from another issuer. */
  WRONG_ISSUER,
  /** An ID token with another nonce. */
  WRONG_NONCE,
  /** Return another state to the client. */
  WRONG_STATE,
  /** Leave {@code iss} out of the authorization response. */
  MISSING_ISS,
  /** Claim a lower level than requested. */
  LOWER_LEVEL,
  /** Leave the identifier claim out. */
  MISSING_IDENTIFIER,
  /** Answer the authorization with an error. */
  ERROR_RESPONSE,
  /** Describe another subject in userinfo than in the ID token. */
  USERINFO_OTHER_SUBJECT,
  /**
   * Answer from a session the citizen opened an hour ago instead of authenticating (its {@code
   * auth_time}), as a provider that reuses its session cookie does.
   */
  REUSED_SESSION
}
