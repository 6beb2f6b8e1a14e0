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
 * @param identifierClaim the claim holding the EMBG
 * @param givenNameClaim given name, Latin (optional in answers)
 * @param familyNameClaim family name, Latin (optional in answers)
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
   * Most's assumed default: {@code embg}; OIDC standard {@code given_name}, {@code family_name},
   * {@code birthdate}, {@code gender}; the Cyrillic forms as {@code given_name#mk-Cyrl} and {@code
   * family_name#mk-Cyrl} (OpenID Connect language tags); {@code acr} as the eIDAS level URIs;
   * strict regions; џ as "dj". All assumptions.
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
