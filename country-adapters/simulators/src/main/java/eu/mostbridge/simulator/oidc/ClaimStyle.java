package eu.mostbridge.simulator.oidc;

/** Which national claim profile the simulator speaks. */
public enum ClaimStyle {
  /**
   * Bulgaria's MVR eID: {@code citizen_identifier}, {@code citizen_identifier_type}, names in Latin
   * and with {@code _cyrillic}, {@code acr} {@code eid_*}.
   */
  MVR,
  /**
   * Most's assumed eid.mk profile: {@code embg}, {@code given_name#mk-Cyrl}, {@code
   * family_name#mk-Cyrl}, {@code birthdate}, {@code gender}, {@code acr} as eIDAS level URIs.
   */
  EID_MK
}
