package eu.mostbridge.mk.eid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import eu.mostbridge.adapter.AuthenticationFailure;
import eu.mostbridge.adapter.AuthenticationFailure.Reason;
import eu.mostbridge.adapter.NationalClaims;
import eu.mostbridge.identity.CommonIdentity;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.LevelOfAssurance;
import eu.mostbridge.mk.identifier.RegionPolicy;
import eu.mostbridge.mk.name.MacedonianRomanization.DzheSpelling;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EidMkClaimsMapperTest {
  private static final Instant LOGIN = Instant.parse("2026-11-26T10:00:00Z");

  private static Map<String, Object> gjorgji() {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("embg", "1205990451235"); // synthetic: 1990-05-12, male, Skopje
    claims.put("given_name#mk-Cyrl", "Ѓорѓи");
    claims.put("family_name#mk-Cyrl", "Џамбазовски");
    claims.put("birthdate", "1990-05-12");
    claims.put("gender", "male");
    return claims;
  }

  private static CommonIdentity map(EidMkProfile profile, Map<String, Object> claims)
      throws AuthenticationFailure {
    return new EidMkClaimsMapper(profile)
        .map(
            new NationalClaims("https://eid.mk.test", "s", Optional.empty(), LOGIN, claims),
            CountryCode.BG,
            LevelOfAssurance.LOW);
  }

  private static AuthenticationFailure refused(EidMkProfile profile, Map<String, Object> claims) {
    AuthenticationFailure failure =
        catchThrowableOfType(AuthenticationFailure.class, () -> map(profile, claims));
    assertThat(failure).isNotNull();
    assertThat(failure.reason()).isEqualTo(Reason.INVALID_IDENTITY);
    return failure;
  }

  @Test
  void romanizesByTheConfiguredDzheSpelling() throws AuthenticationFailure {
    EidMkProfile dj = EidMkProfile.assumedDefault();
    EidMkProfile dzh =
        new EidMkProfile(
            dj.identifierClaim(),
            dj.givenNameClaim(),
            dj.familyNameClaim(),
            dj.givenNameNativeClaim(),
            dj.familyNameNativeClaim(),
            dj.birthdateClaim(),
            dj.genderClaim(),
            dj.acrValues(),
            dj.regionPolicy(),
            DzheSpelling.DZH);

    assertThat(map(dj, gjorgji()).familyName().latin()).isEqualTo("Djambazovski");
    assertThat(map(dzh, gjorgji()).familyName().latin()).isEqualTo("Dzhambazovski");
  }

  @Test
  void theRegionPolicyDecidesForeignRegisteredNumbers() throws AuthenticationFailure {
    EidMkProfile strict = EidMkProfile.assumedDefault();
    Map<String, Object> serbianRegion = gjorgji();
    serbianRegion.put("embg", "1205990711237"); // synthetic, region 71
    assertThat(refused(strict, serbianRegion).getMessage()).contains("region");

    EidMkProfile relaxed =
        new EidMkProfile(
            strict.identifierClaim(),
            strict.givenNameClaim(),
            strict.familyNameClaim(),
            strict.givenNameNativeClaim(),
            strict.familyNameNativeClaim(),
            strict.birthdateClaim(),
            strict.genderClaim(),
            strict.acrValues(),
            RegionPolicy.ANY_REGION,
            strict.dzhe());
    assertThat(map(relaxed, serbianRegion).personIdentifier().value()).isEqualTo("1205990711237");
  }

  @Test
  void refusesContradictionsAndBadNumbers() {
    EidMkProfile profile = EidMkProfile.assumedDefault();
    Map<String, Object> contradiction = gjorgji();
    contradiction.put("gender", "female");
    assertThat(refused(profile, contradiction).getMessage())
        .contains("GENDER")
        .doesNotContain("1205990451235");

    Map<String, Object> checksum = gjorgji();
    checksum.put("embg", "1205990451236");
    assertThat(refused(profile, checksum).getMessage()).contains("check digit");

    Map<String, Object> bulgarianLetters = gjorgji();
    bulgarianLetters.put("given_name#mk-Cyrl", "Щерьо");
    assertThat(refused(profile, bulgarianLetters).getMessage()).contains("U+0429");
  }
}
