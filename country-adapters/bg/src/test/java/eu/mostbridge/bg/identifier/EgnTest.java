package eu.mostbridge.bg.identifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.Gender;
import eu.mostbridge.identity.IdentifierProblem;
import eu.mostbridge.identity.InvalidIdentifierException;
import java.time.LocalDate;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

class EgnTest {
  private static final long SEED = Long.getLong("most.test.seed", 20261126L);

  /** The public vectors of python-stdnum's bg/egn.py, with what they encode. */
  @ParameterizedTest(name = "{0}: born {1}, {2}")
  @CsvSource({
    "0010100100, 1900-10-10, MALE",
    "7501020018, 1975-01-02, FEMALE",
    "7523169263, 1875-03-16, MALE",
    "7542011030, 2075-02-01, FEMALE",
    "8001010008, 1980-01-01, MALE",
    "8032056031, 1880-12-05, FEMALE",
    "1010101010, 1910-10-10, FEMALE",
  })
  void decodesThePublicVectors(String value, LocalDate birthDate, Gender gender) {
    Egn egn = Egn.parse(value);

    assertThat(egn.birthDate()).contains(birthDate);
    assertThat(egn.gender()).contains(gender);
    assertThat(egn.country()).isEqualTo(CountryCode.BG);
    assertThat(egn.value()).isEqualTo(value);
    assertThat(egn.semanticsIdentifier().orElseThrow().toEtsiForm()).isEqualTo("PNOBG-" + value);
    assertThat(egn.toPersonIdentifier(CountryCode.MK).toEidasForm()).isEqualTo("BG/MK/" + value);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "750102001, LENGTH",
    "75010200188, LENGTH",
    "750102001X, NOT_DIGITS",
    "7501 20018, NOT_DIGITS",
    "'٧٥٠١٠٢٠٠١٨', NOT_DIGITS", // Arabic-Indic digits pass Character.isDigit but are no EGN
    "7513020018, DATE", // month 13: in no century range
    "7520020018, DATE", // month 20
    "7533020018, DATE", // month 33
    "7553020018, DATE", // month 53
    "7500020018, DATE", // month 00
    "7502300018, DATE", // 30 February 1975
    "0002290012, DATE", // 29 February 1900: not a leap year
    "7501320010, DATE", // 32 January
    "7501020019, CHECKSUM",
    "7501020010, CHECKSUM",
    "7502010018, CHECKSUM", // day and month swapped: a typo the check digit catches
  })
  void refusesWithTheProblemNamed(String value, IdentifierProblem problem) {
    InvalidIdentifierException e =
        catchThrowableOfType(InvalidIdentifierException.class, () -> Egn.parse(value));

    assertThat(e).as("refused").isNotNull();
    assertThat(e.problem()).isEqualTo(problem);
    assertThat(e.scheme()).isEqualTo("EGN");
    assertThat(e.getMessage()).startsWith("EGN: ").doesNotContain(value);
  }

  @ParameterizedTest
  @NullAndEmptySource
  void refusesNothing(String value) {
    assertThatThrownBy(() -> Egn.parse(value))
        .isInstanceOfSatisfying(
            InvalidIdentifierException.class,
            e -> assertThat(e.problem()).isEqualTo(IdentifierProblem.MISSING));
  }

  @Test
  void acceptsTheLeapDayOf2000() {
    String value =
        SyntheticEgn.of(LocalDate.of(2000, 2, 29), Gender.FEMALE, new SplittableRandom(1));

    assertThat(value.substring(0, 6)).isEqualTo("004229");
    assertThat(Egn.parse(value).birthDate()).contains(LocalDate.of(2000, 2, 29));
  }

  @Test
  void everySyntheticNumberDecodesToWhatItWasMadeFrom() {
    RandomGenerator random = new SplittableRandom(SEED);
    for (int i = 0; i < 20_000; i++) {
      LocalDate date = SyntheticEgn.randomBirthDate(random);
      Gender gender = random.nextBoolean() ? Gender.MALE : Gender.FEMALE;
      String value = SyntheticEgn.of(date, gender, random);

      Egn egn = Egn.parse(value);

      assertThat(egn.birthDate()).as("seed %d, case %d", SEED, i).contains(date);
      assertThat(egn.gender()).as("seed %d, case %d", SEED, i).contains(gender);
    }
  }

  @Test
  void everyWrongCheckDigitIsRefused() {
    RandomGenerator random = new SplittableRandom(SEED);
    for (int i = 0; i < 2_000; i++) {
      String valid = SyntheticEgn.of(SyntheticEgn.randomBirthDate(random), Gender.MALE, random);
      for (char wrong = '0'; wrong <= '9'; wrong++) {
        if (wrong == valid.charAt(9)) {
          continue;
        }
        String value = valid.substring(0, 9) + wrong;
        assertThatThrownBy(() -> Egn.parse(value))
            .as("seed %d, case %d", SEED, i)
            .isInstanceOfSatisfying(
                InvalidIdentifierException.class,
                e -> assertThat(e.problem()).isEqualTo(IdentifierProblem.CHECKSUM));
      }
    }
  }

  /**
   * Weights 2..6 are all non-zero modulo 11, so changing one of the first nine digits changes the
   * remainder; it goes unnoticed only when the remainders before and after are 0 and 10, which both
   * write the check digit 0.
   */
  @Test
  void aChangedDigitIsRefusedUnlessTheRemaindersAreZeroAndTen() {
    RandomGenerator random = new SplittableRandom(SEED);
    int accepted = 0;
    int tried = 0;
    for (int i = 0; i < 2_000; i++) {
      String valid = SyntheticEgn.of(SyntheticEgn.randomBirthDate(random), Gender.FEMALE, random);
      int position = random.nextInt(9);
      char replacement = (char) ('0' + (valid.charAt(position) - '0' + 1 + random.nextInt(9)) % 10);
      String changed = valid.substring(0, position) + replacement + valid.substring(position + 1);
      tried++;
      try {
        Egn.parse(changed);
        accepted++;
        assertThat(valid.charAt(9)).as("only a 0/10 collision can pass").isEqualTo('0');
      } catch (InvalidIdentifierException e) {
        assertThat(e.problem()).isIn(IdentifierProblem.CHECKSUM, IdentifierProblem.DATE);
      }
    }
    assertThat(accepted).as("collisions are rare").isLessThan(tried / 10);
  }

  @Test
  void anyTenCharacterInputIsEitherAnEgnOrATypedRefusal() {
    RandomGenerator random = new SplittableRandom(SEED);
    String alphabet = "0123456789 -xX٣\u0000";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder value = new StringBuilder();
      for (int j = 0; j < 10; j++) {
        value.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      try {
        Egn.parse(value.toString());
      } catch (InvalidIdentifierException expected) {
        assertThat(expected.getMessage()).doesNotContain(value);
      }
    }
  }

  @Test
  void equalByValueAndPrintsNoNumber() {
    Egn egn = Egn.parse("7501020018");

    assertThat(egn).isEqualTo(Egn.parse("7501020018")).isNotEqualTo(Egn.parse("8001010008"));
    assertThat(egn).hasSameHashCodeAs(Egn.parse("7501020018"));
    assertThat(egn.toString()).isEqualTo("EGN[redacted]");
  }
}
