package eu.mostbridge.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CommonIdentityTest {
  private static final Instant LOGIN = Instant.parse("2026-11-26T10:15:30Z");

  static CommonIdentity.Builder macedonianCitizen() {
    return CommonIdentity.builder()
        .personIdentifier(PersonIdentifier.parse("MK/BG/2402983450006"))
        .familyName(PersonName.of("Petrovski", "Петровски", ScriptTag.MACEDONIAN_CYRILLIC))
        .givenName(PersonName.of("Gjorgji", "Ѓорѓи", ScriptTag.MACEDONIAN_CYRILLIC))
        .dateOfBirth(LocalDate.of(1983, 2, 24))
        .gender(Gender.MALE)
        .levelOfAssurance(LevelOfAssurance.SUBSTANTIAL)
        .originCountry(CountryCode.MK)
        .authenticationInstant(LOGIN);
  }

  @Test
  void buildsAValidatedImmutableIdentity() {
    CommonIdentity identity =
        macedonianCitizen()
            .placeOfBirth(" Skopje ")
            .currentAddress(new PostalAddress("ul. Makedonija 1\n1000 Skopje"))
            .nationality(CountryCode.MK)
            .build();

    assertThat(identity.personIdentifier().toEidasForm()).isEqualTo("MK/BG/2402983450006");
    assertThat(identity.givenName().latin()).isEqualTo("Gjorgji");
    assertThat(identity.placeOfBirth()).contains("Skopje");
    assertThat(identity.nationalities()).containsExactly(CountryCode.MK);
    assertThat(identity.birthFamilyName()).isEmpty();
    assertThat(identity.toBuilder().build()).isEqualTo(identity);
    assertThatThrownBy(() -> identity.nationalities().add(CountryCode.BG))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void namesEveryMissingRequiredAttribute() {
    assertThatThrownBy(() -> CommonIdentity.builder().gender(Gender.FEMALE).build())
        .hasMessage(
            "Identity: missing person identifier, family name, given name, date of birth, level of"
                + " assurance, origin country, authentication instant");
  }

  @Test
  void theIdentifierMustComeFromTheOriginCountry() {
    assertThatThrownBy(() -> macedonianCitizen().originCountry(CountryCode.BG).build())
        .hasMessageContaining("is not the origin country");
  }

  @Test
  void refusesABirthDateAfterTheLoginAnywhereOnEarth() {
    assertThatThrownBy(() -> macedonianCitizen().dateOfBirth(LocalDate.of(2026, 11, 28)).build())
        .hasMessageContaining("in the future");
    // 26 Nov 10:15 UTC is already 27 Nov in Kiribati (UTC+14): a newborn there is possible.
    assertThat(macedonianCitizen().dateOfBirth(LocalDate.of(2026, 11, 27)).build().dateOfBirth())
        .isEqualTo(LocalDate.of(2026, 11, 27));
  }

  @Test
  void refusesImpossiblyOldBirthDatesAndBadPlaces() {
    assertThatThrownBy(() -> macedonianCitizen().dateOfBirth(LocalDate.of(1799, 12, 31)).build())
        .hasMessageContaining("before 1800-01-01");
    assertThatThrownBy(() -> macedonianCitizen().placeOfBirth("Skopje\u0007").build())
        .hasMessageContaining("place of birth");
  }

  @Test
  void printsNoPersonalData() {
    String printed = macedonianCitizen().placeOfBirth("Skopje").build().toString();

    assertThat(printed).contains("MK").contains("SUBSTANTIAL");
    assertThat(printed)
        .doesNotContain("2402983450006")
        .doesNotContain("Gjorgji")
        .doesNotContain("Petrovski")
        .doesNotContain("1983")
        .doesNotContain("Skopje");
  }
}
