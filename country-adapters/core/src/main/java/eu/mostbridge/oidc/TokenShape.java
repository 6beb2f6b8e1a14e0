package eu.mostbridge.oidc;

/** What carries the citizen's identity and level in a national provider's token response. */
public enum TokenShape {
  /**
   * OpenID Connect: a signed ID token bound to the request by its {@code nonce}, the level in its
   * {@code acr}, requested with {@code acr_values}. The strict default.
   */
  ID_TOKEN,
  /**
   * The Bulgarian MVR eID as its public code shows it (MVR-Centralized-Electronic-Identification-
   * System: the login page's code flow hands out only an access token and a refresh token, the
   * level is asked for and granted as a scope, {@code eid_loa_low} or {@code eid_loa_high}): no ID
   * token; the identity comes from the provider's signed JWT access token (and userinfo, when
   * configured), bound to the request by the state and the PKCE verifier only, and the level from
   * the token's {@code scope}. A named relaxation ({@code ACCESS_TOKEN_IDENTITY}).
   */
  ACCESS_TOKEN
}
