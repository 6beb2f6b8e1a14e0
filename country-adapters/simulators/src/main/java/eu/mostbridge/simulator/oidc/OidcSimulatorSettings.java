package eu.mostbridge.simulator.oidc;

import java.util.List;
import java.util.Map;

/**
 * How a simulated OpenID provider behaves.
 *
 * @param country whose personas it offers ({@code BG} or {@code MK})
 * @param style its claim profile
 * @param signingAlgorithm {@code RS256} (Keycloak's default, as the MVR eID), {@code PS256} or
 *     {@code ES256}
 * @param clientId the one registered client
 * @param clientSecret its secret (client_secret_basic)
 * @param redirectUris the client's registered redirect URIs, matched exactly
 * @param acrValues level name (low, substantial, high) to the {@code acr} the provider uses (to the
 *     level scope, when it issues no ID token)
 * @param issuesIdToken whether it answers with an ID token (OpenID Connect) or, as the MVR eID's
 *     public code shows, only with a signed JWT access token whose scope names the level
 */
public record OidcSimulatorSettings(
    String country,
    ClaimStyle style,
    String signingAlgorithm,
    String clientId,
    String clientSecret,
    List<String> redirectUris,
    Map<String, String> acrValues,
    boolean issuesIdToken) {

  /** The MVR eID as its public sources describe it: RS256 (Keycloak default), {@code eid_*}. */
  public static OidcSimulatorSettings mvr(String clientId, String secret, String redirectUri) {
    return new OidcSimulatorSettings(
        "BG",
        ClaimStyle.MVR,
        "RS256",
        clientId,
        secret,
        List.of(redirectUri),
        Map.of("low", "eid_low", "substantial", "eid_substantial", "high", "eid_high"),
        true);
  }

  /**
   * The MVR eID as its public code's login flow answers: no ID token, a signed JWT access token
   * (RS256) with the identity claims, the level asked for and granted as the scope {@code
   * eid_loa_low} or {@code eid_loa_high}; {@code citizen_identifier} only at the high level.
   */
  public static OidcSimulatorSettings mvrAsItsCodeShows(
      String clientId, String secret, String redirectUri) {
    return new OidcSimulatorSettings(
        "BG",
        ClaimStyle.MVR,
        "RS256",
        clientId,
        secret,
        List.of(redirectUri),
        Map.of("low", "eid_loa_low", "high", "eid_loa_high"),
        false);
  }

  /** eid.mk with Most's assumed profile, signing with ES256. */
  public static OidcSimulatorSettings eidMk(String clientId, String secret, String redirectUri) {
    return new OidcSimulatorSettings(
        "MK",
        ClaimStyle.EID_MK,
        "ES256",
        clientId,
        secret,
        List.of(redirectUri),
        Map.of(
            "low", "http://eidas.europa.eu/LoA/low",
            "substantial", "http://eidas.europa.eu/LoA/substantial",
            "high", "http://eidas.europa.eu/LoA/high"),
        true);
  }
}
