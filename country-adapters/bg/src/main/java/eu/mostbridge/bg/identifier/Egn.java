package eu.mostbridge.bg.identifier;

import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.Gender;
import eu.mostbridge.identity.IdentifierProblem;
import eu.mostbridge.identity.InvalidIdentifierException;
import eu.mostbridge.identity.identifier.IdentifierDigits;
import eu.mostbridge.identity.identifier.ParsedNationalNumber;
import eu.mostbridge.identity.identifier.SemanticsIdentifier;
import java.time.LocalDate;
import java.util.Optional;

/**
 * ЕГН, the Bulgarian unified civil number: {@code YYMMDDSSSC}.
 *
 * <ul>
 *   <li>{@code YYMMDD}: date of birth; the month carries the century: 01–12 for 1900–1999, 21–32
 *       (month + 20) for 1800–1899, 41–52 (month + 40) for 2000–2099.
 *   <li>{@code SSS}: serial; its last digit (the 9th of the number) is even for a man, odd for a
 *       woman.
 *   <li>{@code C}: check digit: the first nine digits weighted 2, 4, 8, 5, 10, 9, 7, 3, 6, summed,
 *       modulo 11; a remainder of 10 is written 0.
 * </ul>
 */
public final class Egn extends ParsedNationalNumber {
  public static final String SCHEME = "EGN";
  private static final int LENGTH = 10;
  private static final int[] WEIGHTS = {2, 4, 8, 5, 10, 9, 7, 3, 6};

  private Egn(String value, LocalDate birthDate, Gender gender) {
    super(SCHEME, CountryCode.BG, value, birthDate, gender);
  }

  /**
   * Parses and validates an EGN.
   *
   * @throws InvalidIdentifierException naming the problem: length, non-digit, month outside every
   *     century range, impossible date, or check digit
   */
  public static Egn parse(String value) {
    int[] d = IdentifierDigits.parse(SCHEME, value, LENGTH);
    int yy = IdentifierDigits.number(d, 0, 2);
    int mm = IdentifierDigits.number(d, 2, 4);
    int dd = IdentifierDigits.number(d, 4, 6);
    int year;
    int month;
    if (mm >= 1 && mm <= 12) {
      year = 1900 + yy;
      month = mm;
    } else if (mm >= 21 && mm <= 32) {
      year = 1800 + yy;
      month = mm - 20;
    } else if (mm >= 41 && mm <= 52) {
      year = 2000 + yy;
      month = mm - 40;
    } else {
      throw new InvalidIdentifierException(
          SCHEME,
          IdentifierProblem.DATE,
          "the month field must be 01-12 (1900s), 21-32 (1800s) or 41-52 (2000s), is " + mm);
    }
    LocalDate birthDate = IdentifierDigits.date(SCHEME, year, month, dd);
    int expected = checkDigit(d);
    if (d[9] != expected) {
      throw new InvalidIdentifierException(
          SCHEME,
          IdentifierProblem.CHECKSUM,
          "the check digit (10th) does not match the first nine digits");
    }
    return new Egn(value, birthDate, d[8] % 2 == 0 ? Gender.MALE : Gender.FEMALE);
  }

  private static int checkDigit(int[] digits) {
    int sum = 0;
    for (int i = 0; i < WEIGHTS.length; i++) {
      sum += digits[i] * WEIGHTS[i];
    }
    int remainder = sum % 11;
    return remainder == 10 ? 0 : remainder;
  }

  /** {@code PNOBG-<EGN>}, as eAuth and Bulgarian qualified certificates write it. */
  @Override
  public Optional<SemanticsIdentifier> semanticsIdentifier() {
    return Optional.of(SemanticsIdentifier.personalNumber(CountryCode.BG, value()));
  }
}
