package eu.mostbridge.bg.eauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import eu.mostbridge.adapter.AuthenticationFailure;
import eu.mostbridge.adapter.AuthenticationFailure.Reason;
import eu.mostbridge.identity.CommonIdentity;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.Gender;
import eu.mostbridge.identity.LevelOfAssurance;
import eu.mostbridge.identity.ScriptTag;
import eu.mostbridge.saml.ValidatedAssertion;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EAuthIdentityMapperTest {
  private static final Instant LOGIN = Instant.parse("2026-11-26T10:00:00Z");
  private final EAuthIdentityMapper mapper = new EAuthIdentityMapper();

  /** A synthetic citizen: EGN 7501020018 encodes 2 January 1975, female. */
  private static Map<String, List<String>> maria() {
    Map<String, List<String>> attributes = new LinkedHashMap<>();
    attributes.put(EAuthNames.PERSON_IDENTIFIER, List.of("PNOBG-7501020018"));
    attributes.put(EAuthNames.PERSON_NAME, List.of("Мария Щерева Българска"));
    attributes.put(EAuthNames.DATE_OF_BIRTH, List.of("1975-01-02"));
    attributes.put(EAuthNames.GENDER, List.of("female"));
    attributes.put(EAuthNames.EMAIL, List.of("maria@example.test"));
    attributes.put(EAuthNames.PHONE, List.of("+359000000000"));
    return attributes;
  }

  private CommonIdentity map(Map<String, List<String>> attributes) throws AuthenticationFailure {
    return mapper.map(
        new ValidatedAssertion(
            "https://eauth.test", Optional.empty(), LOGIN, List.of(), attributes, Set.of()),
        CountryCode.MK,
        LevelOfAssurance.SUBSTANTIAL);
  }

  private AuthenticationFailure refused(Map<String, List<String>> attributes) {
    AuthenticationFailure failure =
        catchThrowableOfType(AuthenticationFailure.class, () -> map(attributes));
    assertThat(failure).as("refused").isNotNull();
    assertThat(failure.reason()).isEqualTo(Reason.INVALID_IDENTITY);
    return failure;
  }

  @Test
  void mapsTheEAuthProfileToTheCommonIdentity() throws AuthenticationFailure {
    CommonIdentity identity = map(maria());

    assertThat(identity.personIdentifier().toEidasForm()).isEqualTo("BG/MK/7501020018");
    assertThat(identity.givenName().nativeForm()).contains("Мария Щерева");
    assertThat(identity.givenName().latin()).isEqualTo("Maria Shtereva");
    assertThat(identity.givenName().nativeScript()).contains(ScriptTag.BULGARIAN_CYRILLIC);
    assertThat(identity.familyName().latin()).isEqualTo("Balgarska");
    assertThat(identity.dateOfBirth()).isEqualTo(LocalDate.of(1975, 1, 2));
    assertThat(identity.gender()).contains(Gender.FEMALE);
    assertThat(identity.levelOfAssurance()).isEqualTo(LevelOfAssurance.SUBSTANTIAL);
    assertThat(identity.originCountry()).isEqualTo(CountryCode.BG);
    assertThat(identity.authenticationInstant()).isEqualTo(LOGIN);
  }

  @Test
  void theTransliterationActWinsOverLatinNameAndOptionalAttributesAreKept()
      throws AuthenticationFailure {
    Map<String, List<String>> attributes = maria();
    attributes.put(EAuthNames.LATIN_NAME, List.of("Mariya Shtereva Bulgarska"));
    attributes.put(EAuthNames.BIRTH_NAME, List.of("Иванова"));
    attributes.put(EAuthNames.PLACE_OF_BIRTH, List.of("София"));
    attributes.put(EAuthNames.RESIDENCE_ADDRESS, List.of("ул. Шипка 1, София 1000"));

    CommonIdentity identity = map(attributes);

    assertThat(identity.givenName().latin()).isEqualTo("Maria Shtereva");
    assertThat(identity.familyName().latin()).isEqualTo("Balgarska");
    assertThat(identity.birthFamilyName().orElseThrow().latin()).isEqualTo("Ivanova");
    assertThat(identity.placeOfBirth()).contains("София");
    assertThat(identity.currentAddress()).isPresent();
  }

  @Test
  void aSelfEnteredLatinNameNeverRefusesTheLogin() throws AuthenticationFailure {
    Map<String, List<String>> attributes = maria();
    attributes.put(EAuthNames.LATIN_NAME, List.of("Mimi"));

    CommonIdentity identity = map(attributes);

    assertThat(identity.givenName().latin()).isEqualTo("Maria Shtereva");
    assertThat(identity.familyName().latin()).isEqualTo("Balgarska");
  }

  @Test
  void theRevenueAgencysPikPlaceholderIsNeverAName() {
    Map<String, List<String>> attributes = maria();
    attributes.put(EAuthNames.PERSON_NAME, List.of("  Потребител   идентифициран с ПИК на НАП "));

    AuthenticationFailure failure =
        catchThrowableOfType(AuthenticationFailure.class, () -> map(attributes));

    assertThat(failure).isNotNull();
    assertThat(failure.reason()).isEqualTo(Reason.PLACEHOLDER_IDENTITY);
    assertThat(failure.getMessage()).doesNotContain("ПИК").doesNotContain("Потребител");
  }

  @Test
  void aCertificatesLatinCommonNameIsKeptAsItIs() throws AuthenticationFailure {
    Map<String, List<String>> attributes = maria();
    attributes.put(EAuthNames.PERSON_NAME, List.of("MARIA SHTEREVA BALGARSKA"));

    CommonIdentity identity = map(attributes);

    assertThat(identity.givenName().latin()).isEqualTo("MARIA SHTEREVA");
    assertThat(identity.givenName().nativeForm()).isEmpty();
    assertThat(identity.familyName().latin()).isEqualTo("BALGARSKA");
  }

  @Test
  void withoutDateAndGenderTheEgnsValuesAreUsed() throws AuthenticationFailure {
    Map<String, List<String>> attributes = maria();
    attributes.remove(EAuthNames.DATE_OF_BIRTH);
    attributes.remove(EAuthNames.GENDER);

    CommonIdentity identity = map(attributes);

    assertThat(identity.dateOfBirth()).isEqualTo(LocalDate.of(1975, 1, 2));
    assertThat(identity.gender()).contains(Gender.FEMALE);
  }

  @Test
  void emptyOptionalAttributesCountAsNotSent() throws AuthenticationFailure {
    Map<String, List<String>> attributes = maria();
    attributes.put(EAuthNames.BIRTH_NAME, List.of(""));
    attributes.put(EAuthNames.PLACE_OF_BIRTH, List.of(" "));
    attributes.put(EAuthNames.RESIDENCE_ADDRESS, List.of(""));
    attributes.put(EAuthNames.DATE_OF_BIRTH, List.of(""));
    attributes.put(EAuthNames.LATIN_NAME, List.of(" "));

    CommonIdentity identity = map(attributes);

    assertThat(identity.birthFamilyName()).isEmpty();
    assertThat(identity.placeOfBirth()).isEmpty();
    assertThat(identity.currentAddress()).isEmpty();
    assertThat(identity.dateOfBirth()).isEqualTo(LocalDate.of(1975, 1, 2));
    assertThat(identity.givenName().latin()).isEqualTo("Maria Shtereva");
  }

  @Test
  void refusesAnIdentityWhoseEgnContradictsTheAssertedValues() {
    Map<String, List<String>> attributes = maria();
    attributes.put(EAuthNames.DATE_OF_BIRTH, List.of("1975-02-01"));
    attributes.put(EAuthNames.GENDER, List.of("male"));

    assertThat(refused(attributes).getMessage())
        .contains("DATE_OF_BIRTH")
        .contains("GENDER")
        .doesNotContain("7501020018")
        .doesNotContain("1975");
  }

  @Test
  void refusesBadIdentifiersAndMissingAttributes() {
    Map<String, List<String>> badChecksum = maria();
    badChecksum.put(EAuthNames.PERSON_IDENTIFIER, List.of("PNOBG-7501020019"));
    assertThat(refused(badChecksum).getMessage()).contains("check digit");

    Map<String, List<String>> passport = maria();
    passport.put(EAuthNames.PERSON_IDENTIFIER, List.of("PASBG-382194017"));
    assertThat(refused(passport).getMessage()).contains("not a Bulgarian EGN");

    Map<String, List<String>> noName = maria();
    noName.remove(EAuthNames.PERSON_NAME);
    assertThat(refused(noName).getMessage()).contains("personName");

    Map<String, List<String>> oneWord = maria();
    oneWord.put(EAuthNames.PERSON_NAME, List.of("Мария"));
    assertThat(refused(oneWord).getMessage()).contains("given and family");

    Map<String, List<String>> badDate = maria();
    badDate.put(EAuthNames.DATE_OF_BIRTH, List.of("02.01.1975"));
    assertThat(refused(badDate).getMessage()).contains("YYYY-MM-DD");

    Map<String, List<String>> russian = maria();
    russian.put(EAuthNames.PERSON_NAME, List.of("Мария Крылова"));
    assertThat(refused(russian).getMessage()).contains("U+044B");
  }

  /** A synthetic foreign resident: LNCh 7111042925 (not a valid EGN), as eAuth writes it. */
  private static Map<String, List<String>> john() {
    Map<String, List<String>> attributes = new LinkedHashMap<>();
    attributes.put(EAuthNames.PERSON_IDENTIFIER, List.of("PNOBG-7111042925"));
    attributes.put(EAuthNames.PERSON_NAME, List.of("John Smith"));
    attributes.put(EAuthNames.DATE_OF_BIRTH, List.of("1980-06-15"));
    attributes.put(EAuthNames.GENDER, List.of("male"));
    return attributes;
  }

  @Test
  void anLnchArrivesAsPnobgAndIsReadAsAnLnch() throws AuthenticationFailure {
    CommonIdentity identity = map(john());

    assertThat(identity.personIdentifier().toEidasForm()).isEqualTo("BG/MK/7111042925");
    assertThat(identity.dateOfBirth())
        .as("from eAuth, never from the number")
        .isEqualTo(LocalDate.of(1980, 6, 15));
    assertThat(identity.gender()).contains(Gender.MALE);
    assertThat(identity.nationalities()).as("an LNCh holder is not a Bulgarian").isEmpty();
    assertThat(identity.givenName().latin()).isEqualTo("John");
  }

  @Test
  void anLnchHolderWithoutADateOfBirthIsRefused() {
    Map<String, List<String>> attributes = john();
    attributes.remove(EAuthNames.DATE_OF_BIRTH);

    assertThat(refused(attributes).getMessage()).contains("LNCh encodes no date of birth");
  }

  @Test
  void aNumberValidAsBothIsAnEgnWhenTheDatesAgreeOtherwiseAnLnch() throws AuthenticationFailure {
    // 8503150075 passes both check digits; as an EGN it encodes 15 March 1985, female.
    Map<String, List<String>> citizen = john();
    citizen.put(EAuthNames.PERSON_IDENTIFIER, List.of("PNOBG-8503150075"));
    citizen.put(EAuthNames.DATE_OF_BIRTH, List.of("1985-03-15"));
    citizen.put(EAuthNames.GENDER, List.of("female"));
    Map<String, List<String>> resident = john();
    resident.put(EAuthNames.PERSON_IDENTIFIER, List.of("PNOBG-8503150075"));

    assertThat(map(citizen).nationalities()).as("read as an EGN").contains(CountryCode.BG);
    CommonIdentity foreigner = map(resident);
    assertThat(foreigner.nationalities()).as("read as an LNCh").isEmpty();
    assertThat(foreigner.dateOfBirth()).isEqualTo(LocalDate.of(1980, 6, 15));
  }
}
