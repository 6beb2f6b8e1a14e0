package eu.mostbridge.bg.identifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.IdentifierProblem;
import eu.mostbridge.identity.InvalidIdentifierException;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LnchTest {
  private static final long SEED = Long.getLong("most.test.seed", 20261126L);

  @Test
  void acceptsThePublicVectorAndEncodesNothingElse() {
    Lnch lnch = Lnch.parse("7111042925");

    assertThat(lnch.country()).isEqualTo(CountryCode.BG);
    assertThat(lnch.birthDate()).isEmpty();
    assertThat(lnch.gender()).isEmpty();
    assertThat(lnch.semanticsIdentifier()).as("the LNCh prefix is not public").isEmpty();
    assertThat(lnch.toString()).doesNotContain("7111042925");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "7111042924, CHECKSUM",
    "7111042926, CHECKSUM",
    "1711042925, CHECKSUM", // first two digits swapped
    "711104292, LENGTH",
    "71110429255, LENGTH",
    "71110429a5, NOT_DIGITS",
  })
  void refusesWithTheProblemNamed(String value, IdentifierProblem problem) {
    InvalidIdentifierException e =
        catchThrowableOfType(InvalidIdentifierException.class, () -> Lnch.parse(value));

    assertThat(e).isNotNull();
    assertThat(e.problem()).isEqualTo(problem);
    assertThat(e.getMessage()).startsWith("LNCh: ").doesNotContain(value);
  }

  @Test
  void syntheticNumbersAreAcceptedAndEveryOtherCheckDigitRefused() {
    RandomGenerator random = new SplittableRandom(SEED);
    int[] weights = {21, 19, 17, 13, 11, 9, 7, 3, 1};
    for (int i = 0; i < 5_000; i++) {
      StringBuilder body = new StringBuilder();
      int total = 0;
      for (int weight : weights) {
        int digit = random.nextInt(10);
        body.append(digit);
        total += weight * digit;
      }
      int check = total % 10;
      assertThat(Lnch.parse(body.toString() + check).value()).endsWith(String.valueOf(check));
      int wrong = (check + 1 + random.nextInt(9)) % 10;
      String refused = body.toString() + wrong;
      InvalidIdentifierException e =
          catchThrowableOfType(InvalidIdentifierException.class, () -> Lnch.parse(refused));
      assertThat(e).as("seed %d, case %d", SEED, i).isNotNull();
      assertThat(e.problem()).isEqualTo(IdentifierProblem.CHECKSUM);
    }
  }
}
