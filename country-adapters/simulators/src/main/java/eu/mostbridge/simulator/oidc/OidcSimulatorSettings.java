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
 * @param acrValues level name (low, substantial, high) to the {@code acr} the provider uses
 */
public record OidcSimulatorSettings(
    String country,
    ClaimStyle style,
    String signingAlgorithm,
    String clientId,
    String clientSecret,
    List<String> redirectUris,
    Map<String, String> acrValues) {

  /** The MVR eID as its public sources describe it: RS256 (Keycloak default), {@code eid_*}. */
  public static OidcSimulatorSettings mvr(String clientId, String secret, String redirectUri) {
    return new OidcSimulatorSettings(
        "BG",
        ClaimStyle.MVR,
        "RS256",
        clientId,
        secret,
        List.of(redirectUri),
        Map.of("low", "eid_low", "substantial", "eid_substantial", "high", "eid_high"));
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
            "high", "http://eidas.europa.eu/LoA/high"));
  }
}
