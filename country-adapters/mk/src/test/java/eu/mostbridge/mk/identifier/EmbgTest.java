package eu.mostbridge.mk.identifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.Gender;
import eu.mostbridge.identity.IdentifierProblem;
import eu.mostbridge.identity.InvalidIdentifierException;
import eu.mostbridge.identity.consistency.IdentityConsistency;
import eu.mostbridge.identity.consistency.InconsistentAttribute;
import java.time.LocalDate;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmbgTest {
  private static final long SEED = Long.getLong("most.test.seed", 20261126L);

  @ParameterizedTest(name = "{0}: born {1}, {2}, region {3}")
  @CsvSource({
    "2402983450006, 1983-02-24, MALE, SKOPJE",
    "2803984430038, 1984-03-28, MALE, OHRID",
  })
  void decodesThePublicVectors(
      String value, LocalDate birthDate, Gender gender, RegistrationRegion region) {
    Embg embg = Embg.parse(value);

    assertThat(embg.birthDate()).contains(birthDate);
    assertThat(embg.gender()).contains(gender);
    assertThat(embg.region()).contains(region);
    assertThat(embg.country()).isEqualTo(CountryCode.MK);
    assertThat(embg.semanticsIdentifier().orElseThrow().toEtsiForm()).isEqualTo("PNOMK-" + value);
    assertThat(embg.toPersonIdentifier(CountryCode.BG).toEidasForm()).isEqualTo("MK/BG/" + value);
    assertThat(embg.toString()).doesNotContain(value);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "2402983450007, CHECKSUM", // public invalid vector
    "2402982450006, CHECKSUM", // public invalid vector
    "3002982450006, DATE", // public invalid vector: 30 February
    "3102983450006, DATE", // 31 February
    "2913900450000, DATE", // month 13
    "0101990450090, CHECKSUM", // twelve digits whose rule gives 10: no check digit is valid
    "240298345000, LENGTH",
    "24029834500066, LENGTH",
    "24029834500O6, NOT_DIGITS",
    "2402983400009, REGION", // region 40: not North Macedonian
    "2402983710008, REGION", // region 71: another former-Yugoslav state
  })
  void refusesWithTheProblemNamed(String value, IdentifierProblem problem) {
    InvalidIdentifierException e =
        catchThrowableOfType(InvalidIdentifierException.class, () -> Embg.parse(value));

    assertThat(e).as("refused").isNotNull();
    assertThat(e.problem()).isEqualTo(problem);
    assertThat(e.getMessage()).startsWith("EMBG: ").doesNotContain(value);
  }

  @Test
  void noCheckDigitSavesTwelveDigitsWhoseRuleGivesTen() {
    for (char k = '0'; k <= '9'; k++) {
      String value = "010199045009" + k;
      InvalidIdentifierException e =
          catchThrowableOfType(InvalidIdentifierException.class, () -> Embg.parse(value));
      assertThat(e).as("check digit %s", k).isNotNull();
      assertThat(e.problem()).isEqualTo(IdentifierProblem.CHECKSUM);
    }
  }

  @Test
  void aForeignRegionIsAcceptedOnlyUnderTheExplicitPolicy() {
    RandomGenerator random = new SplittableRandom(SEED);
    String serbian = SyntheticEmbg.of(LocalDate.of(1979, 6, 15), 71, Gender.FEMALE, random);

    Embg embg = Embg.parse(serbian, RegionPolicy.ANY_REGION);

    assertThat(embg.regionCode()).isEqualTo(71);
    assertThat(embg.region()).isEmpty();
    assertThat(embg.decoded()).containsEntry("region", "71 (outside North Macedonia)");
    assertThat(
            catchThrowableOfType(InvalidIdentifierException.class, () -> Embg.parse(serbian))
                .problem())
        .isEqualTo(IdentifierProblem.REGION);
  }

  @ParameterizedTest(name = "year digits {0} -> {1}")
  @CsvSource({"000, 2000", "799, 2799", "800, 1800", "999, 1999", "025, 2025"})
  void theCenturyFollowsTheEightHundredRule(String yyy, int year) {
    String body = "0101" + yyy + "45" + "123";
    int check = SyntheticEmbg.check(body);
    String value = check >= 0 ? body + check : null;
    if (value == null) {
      body = "0101" + yyy + "45" + "124";
      value = body + SyntheticEmbg.check(body);
    }

    assertThat(Embg.parse(value).birthDate()).contains(LocalDate.of(year, 1, 1));
  }

  @ParameterizedTest(name = "serial {0} -> {1}")
  @CsvSource({"000, MALE", "499, MALE", "500, FEMALE", "999, FEMALE"})
  void theSerialGivesTheGender(String serial, Gender gender) {
    for (String day : new String[] {"01", "02", "03"}) {
      String body = day + "01983" + "45" + serial;
      int check = SyntheticEmbg.check(body);
      if (check >= 0) {
        assertThat(Embg.parse(body + check).gender()).contains(gender);
        return;
      }
    }
    throw new AssertionError("no usable date for serial " + serial);
  }

  @Test
  void everySyntheticNumberDecodesToWhatItWasMadeFrom() {
    RandomGenerator random = new SplittableRandom(SEED);
    for (int i = 0; i < 20_000; i++) {
      LocalDate date = SyntheticEmbg.randomBirthDate(random);
      int region = 41 + random.nextInt(9);
      Gender gender = random.nextBoolean() ? Gender.MALE : Gender.FEMALE;
      String value = SyntheticEmbg.of(date, region, gender, random);

      Embg embg = Embg.parse(value);

      assertThat(embg.birthDate()).as("seed %d, case %d", SEED, i).contains(date);
      assertThat(embg.gender()).as("seed %d, case %d", SEED, i).contains(gender);
      assertThat(embg.regionCode()).as("seed %d, case %d", SEED, i).isEqualTo(region);
    }
  }

  @Test
  void everyWrongCheckDigitIsRefused() {
    RandomGenerator random = new SplittableRandom(SEED);
    for (int i = 0; i < 2_000; i++) {
      String valid =
          SyntheticEmbg.of(SyntheticEmbg.randomBirthDate(random), 45, Gender.MALE, random);
      for (char wrong = '0'; wrong <= '9'; wrong++) {
        if (wrong == valid.charAt(12)) {
          continue;
        }
        String value = valid.substring(0, 12) + wrong;
        InvalidIdentifierException e =
            catchThrowableOfType(InvalidIdentifierException.class, () -> Embg.parse(value));
        assertThat(e).as("seed %d, case %d", SEED, i).isNotNull();
        assertThat(e.problem()).isEqualTo(IdentifierProblem.CHECKSUM);
      }
    }
  }

  @Test
  void theEncodedBirthDateAndGenderAreCheckedAgainstTheAssertedOnes() {
    Embg embg = Embg.parse("2402983450006");

    assertThat(
            IdentityConsistency.check(
                    embg, Optional.of(LocalDate.of(1983, 2, 24)), Optional.of(Gender.MALE))
                .consistent())
        .isTrue();
    assertThat(
            IdentityConsistency.check(
                    embg, Optional.of(LocalDate.of(1983, 4, 22)), Optional.of(Gender.FEMALE))
                .inconsistencies())
        .containsExactlyInAnyOrder(
            InconsistentAttribute.DATE_OF_BIRTH, InconsistentAttribute.GENDER);
  }
}
