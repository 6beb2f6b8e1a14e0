package eu.mostbridge.bg.mvr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import eu.mostbridge.adapter.AuthenticationFailure;
import eu.mostbridge.adapter.AuthenticationFailure.Reason;
import eu.mostbridge.adapter.NationalClaims;
import eu.mostbridge.identity.CommonIdentity;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.Gender;
import eu.mostbridge.identity.LevelOfAssurance;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MvrClaimsMapperTest {
  private static final Instant LOGIN = Instant.parse("2026-11-26T10:00:00Z");
  private final MvrClaimsMapper mapper = new MvrClaimsMapper();

  private static Map<String, Object> egnHolder() {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("sub", "s1");
    claims.put("citizen_identifier", "8703141379"); // synthetic: 1987-03-14, female
    claims.put("citizen_identifier_type", "EGN");
    claims.put("given_name_cyrillic", "Мария");
    claims.put("middle_name_cyrillic", "Щерева");
    claims.put("family_name_cyrillic", "Петрова");
    return claims;
  }

  private CommonIdentity map(Map<String, Object> claims) throws AuthenticationFailure {
    return mapper.map(
        new NationalClaims("https://mvr.test", "s1", Optional.of("eid_high"), LOGIN, claims),
        CountryCode.MK,
        LevelOfAssurance.HIGH);
  }

  private AuthenticationFailure refused(Map<String, Object> claims) {
    AuthenticationFailure failure =
        catchThrowableOfType(AuthenticationFailure.class, () -> map(claims));
    assertThat(failure).isNotNull();
    assertThat(failure.reason()).isEqualTo(Reason.INVALID_IDENTITY);
    return failure;
  }

  @Test
  void anEgnHolderWithCyrillicNamesOnly() throws AuthenticationFailure {
    CommonIdentity identity = map(egnHolder());

    assertThat(identity.personIdentifier().toEidasForm()).isEqualTo("BG/MK/8703141379");
    assertThat(identity.givenName().latin()).isEqualTo("Maria Shtereva");
    assertThat(identity.familyName().latin()).isEqualTo("Petrova");
    assertThat(identity.dateOfBirth()).isEqualTo(LocalDate.of(1987, 3, 14));
    assertThat(identity.gender()).contains(Gender.FEMALE);
  }

  @Test
  void anLnchHolderNeedsABirthdate() throws AuthenticationFailure {
    Map<String, Object> claims = egnHolder();
    claims.put("citizen_identifier", "7111042925");
    claims.put("citizen_identifier_type", "LNCh");
    claims.put("given_name", "Anna");
    claims.put("family_name", "Schmidt");
    claims.remove("given_name_cyrillic");
    claims.remove("middle_name_cyrillic");
    claims.remove("family_name_cyrillic");

    assertThat(refused(claims).getMessage()).contains("no birthdate for an LNCh holder");

    claims.put("birthdate", "1971-11-04");
    CommonIdentity identity = map(claims);
    assertThat(identity.givenName().latin()).isEqualTo("Anna");
    assertThat(identity.givenName().nativeForm()).isEmpty();
    assertThat(identity.gender()).isEmpty();
  }

  @Test
  void claimNamesCanBeConfigured() throws AuthenticationFailure {
    MvrClaimNames d = MvrClaimNames.PUBLIC_CODE;
    MvrClaimsMapper renamed =
        new MvrClaimsMapper(
            new MvrClaimNames(
                "personal_number",
                d.identifierType(),
                d.givenName(),
                d.middleName(),
                d.familyName(),
                d.givenNameCyrillic(),
                d.middleNameCyrillic(),
                d.familyNameCyrillic(),
                "birth_date",
                d.gender()));
    Map<String, Object> claims = egnHolder();
    claims.put("personal_number", claims.remove("citizen_identifier"));
    claims.put("birth_date", "1987-03-14");

    CommonIdentity identity =
        renamed.map(
            new NationalClaims("https://mvr.test", "s1", Optional.of("eid_high"), LOGIN, claims),
            CountryCode.MK,
            LevelOfAssurance.HIGH);

    assertThat(identity.personIdentifier().value()).isEqualTo("8703141379");
    assertThat(catchThrowableOfType(AuthenticationFailure.class, () -> map(claims)).getMessage())
        .as("the default names do not find the renamed identifier")
        .contains("citizen_identifier is missing");
  }

  @Test
  void anLnchHolderGetsInWithTheMvrsOwnDateOfBirthClaim() throws AuthenticationFailure {
    Map<String, Object> claims = egnHolder();
    claims.remove("birthdate");
    claims.put("citizen_identifier", "7111042925");
    claims.put("citizen_identifier_type", "LNCh");
    claims.put("date_of_birth", "1971-11-04");
    claims.put("given_name", "Anna");
    claims.put("family_name", "Schmidt");
    claims.remove("given_name_cyrillic");
    claims.remove("middle_name_cyrillic");
    claims.remove("family_name_cyrillic");

    CommonIdentity identity = map(claims);

    assertThat(identity.dateOfBirth()).isEqualTo(LocalDate.of(1971, 11, 4));
    assertThat(identity.personIdentifier().value()).isEqualTo("7111042925");
  }

  @Test
  void refusesBadNumbersTypesAndContradictions() {
    Map<String, Object> badChecksum = egnHolder();
    badChecksum.put("citizen_identifier", "8703141378");
    assertThat(refused(badChecksum).getMessage()).contains("check digit");

    Map<String, Object> unknownType = egnHolder();
    unknownType.put("citizen_identifier_type", "PASSPORT");
    assertThat(refused(unknownType).getMessage()).contains("neither EGN nor LNCh");

    Map<String, Object> contradiction = egnHolder();
    contradiction.put("birthdate", "1987-03-15");
    contradiction.put("gender", "male");
    assertThat(refused(contradiction).getMessage()).contains("DATE_OF_BIRTH").contains("GENDER");

    Map<String, Object> noIdentifier = egnHolder();
    noIdentifier.remove("citizen_identifier");
    assertThat(refused(noIdentifier).getMessage()).contains("citizen_identifier is missing");

    Map<String, Object> noFamilyName = egnHolder();
    noFamilyName.remove("family_name_cyrillic");
    assertThat(refused(noFamilyName).getMessage()).contains("family name is missing");
  }
}
