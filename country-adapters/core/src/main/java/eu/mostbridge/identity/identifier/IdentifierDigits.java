package eu.mostbridge.identity.identifier;

import eu.mostbridge.identity.IdentifierProblem;
import eu.mostbridge.identity.InvalidIdentifierException;
import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Parsing shared by the fixed-length numeric national numbers (EGN, LNCh, EMBG): length, ASCII
 * digits only (not {@link Character#isDigit}, which accepts Arabic-Indic and other digits), and the
 * date they encode.
 */
public final class IdentifierDigits {
  private IdentifierDigits() {}

  /** The digits of {@code value} as numbers 0–9, after checking it has exactly {@code length}. */
  public static int[] parse(String scheme, String value, int length) {
    if (value == null || value.isEmpty()) {
      throw new InvalidIdentifierException(scheme, IdentifierProblem.MISSING, "no number given");
    }
    if (value.length() != length) {
      throw new InvalidIdentifierException(
          scheme,
          IdentifierProblem.LENGTH,
          "must have " + length + " digits, has " + value.length() + " characters");
    }
    int[] digits = new int[length];
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        throw new InvalidIdentifierException(
            scheme, IdentifierProblem.NOT_DIGITS, "character " + (i + 1) + " is not a digit 0-9");
      }
      digits[i] = c - '0';
    }
    return digits;
  }

  /** The number the digits {@code from} (inclusive) to {@code to} (exclusive) spell. */
  public static int number(int[] digits, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      n = n * 10 + digits[i];
    }
    return n;
  }

  /** The encoded date of birth, or a {@link IdentifierProblem#DATE} error naming it impossible. */
  public static LocalDate date(String scheme, int year, int month, int day) {
    try {
      return LocalDate.of(year, month, day);
    } catch (DateTimeException e) {
      throw new InvalidIdentifierException(
          scheme,
          IdentifierProblem.DATE,
          "encodes a date of birth that does not exist (day "
              + day
              + ", month "
              + month
              + ", year "
              + year
              + ")");
    }
  }
}
