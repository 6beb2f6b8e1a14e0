package eu.mostbridge.mk.eid;

import eu.mostbridge.identity.LevelOfAssurance;
import eu.mostbridge.mk.identifier.RegionPolicy;
import eu.mostbridge.mk.name.MacedonianRomanization.DzheSpelling;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The claim profile of eid.mk. No public source names its claims or {@code acr} values, so every
 * name here is configuration; {@link #assumedDefault()} is Most's documented guess, to be replaced
 * by the real names when North Macedonia publishes them.
 *
 * @param identifierClaim the claim holding the EMBG, bare or in the eIDAS form {@code MK/xx/<EMBG>}
 * @param givenNameClaim given name, Latin (optional in answers; empty string: not used)
 * @param familyNameClaim family name, Latin (optional in answers; empty string: not used)
 * @param givenNameNativeClaim given name in Cyrillic
 * @param familyNameNativeClaim family name in Cyrillic
 * @param birthdateClaim date of birth, {@code YYYY-MM-DD}
 * @param genderClaim gender, {@code male}/{@code female}
 * @param acrValues the {@code acr} value for each level eid.mk offers
 * @param regionPolicy which EMBG regions are accepted
 * @param dzhe how to write џ when romanizing
 */
public record EidMkProfile(
    String identifierClaim,
    String givenNameClaim,
    String familyNameClaim,
    String givenNameNativeClaim,
    String familyNameNativeClaim,
    String birthdateClaim,
    String genderClaim,
    Map<LevelOfAssurance, String> acrValues,
    RegionPolicy regionPolicy,
    DzheSpelling dzhe) {
  public EidMkProfile {
    Objects.requireNonNull(identifierClaim, "identifierClaim");
    Objects.requireNonNull(regionPolicy, "regionPolicy");
    Objects.requireNonNull(dzhe, "dzhe");
    acrValues = Collections.unmodifiableMap(new EnumMap<>(acrValues));
  }

  /**
   * Most's assumed default for the SAML binding: the eIDAS natural-person attributes ({@code
   * PersonIdentifier} in the eIDAS form, {@code CurrentGivenName} and {@code CurrentFamilyName} in
   * Cyrillic, {@code DateOfBirth}, {@code Gender} as Male/Female) and the eIDAS level URIs as
   * AuthnContextClassRef. All assumptions, as for OIDC.
   */
  public static EidMkProfile assumedSamlDefault() {
    String attribute = "http://eidas.europa.eu/attributes/naturalperson/";
    EidMkProfile oidc = assumedDefault();
    return new EidMkProfile(
        attribute + "PersonIdentifier",
        "",
        "",
        attribute + "CurrentGivenName",
        attribute + "CurrentFamilyName",
        attribute + "DateOfBirth",
        attribute + "Gender",
        oidc.acrValues(),
        RegionPolicy.NORTH_MACEDONIA_ONLY,
        DzheSpelling.DJ);
  }

  /**
   * Most's assumed default for OpenID Connect: {@code embg}; OIDC standard {@code given_name},
   * {@code family_name}, {@code birthdate}, {@code gender}; the Cyrillic forms as {@code
   * given_name#mk-Cyrl} and {@code family_name#mk-Cyrl} (OpenID Connect language tags); {@code acr}
   * as the eIDAS level URIs; strict regions; џ as "dj". All assumptions.
   */
  public static EidMkProfile assumedDefault() {
    Map<LevelOfAssurance, String> acr = new EnumMap<>(LevelOfAssurance.class);
    for (LevelOfAssurance level : LevelOfAssurance.values()) {
      acr.put(level, level.uri());
    }
    return new EidMkProfile(
        "embg",
        "given_name",
        "family_name",
        "given_name#mk-Cyrl",
        "family_name#mk-Cyrl",
        "birthdate",
        "gender",
        acr,
        RegionPolicy.NORTH_MACEDONIA_ONLY,
        DzheSpelling.DJ);
  }
}
