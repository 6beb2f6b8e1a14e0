package eu.mostbridge.bg.identifier;

import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.IdentifierProblem;
import eu.mostbridge.identity.InvalidIdentifierException;
import eu.mostbridge.identity.identifier.IdentifierDigits;
import eu.mostbridge.identity.identifier.ParsedNationalNumber;
import eu.mostbridge.identity.identifier.SemanticsIdentifier;
import java.util.Optional;

/**
 * ЛНЧ, the personal number of a foreigner resident in Bulgaria: ten digits, the last a check digit:
 * the first nine weighted 21, 19, 17, 13, 11, 9, 7, 3, 1, summed, modulo 10. It encodes no date of
 * birth and no gender.
 *
 * <p>eAuth writes an LNCh as {@code PNOBG-<LNCh>}, like an EGN (the eAuth adapter tells them
 * apart); no ETSI form of its own is defined, so {@link #semanticsIdentifier()} is empty (the MVR
 * eID names the identifier type in a claim instead).
 */
public final class Lnch extends ParsedNationalNumber {
  public static final String SCHEME = "LNCh";
  private static final int LENGTH = 10;
  private static final int[] WEIGHTS = {21, 19, 17, 13, 11, 9, 7, 3, 1};

  private Lnch(String value) {
    super(SCHEME, CountryCode.BG, value, null, null);
  }

  /**
   * Parses and validates an LNCh.
   *
   * @throws InvalidIdentifierException naming the problem: length, non-digit, or check digit
   */
  public static Lnch parse(String value) {
    int[] d = IdentifierDigits.parse(SCHEME, value, LENGTH);
    int sum = 0;
    for (int i = 0; i < WEIGHTS.length; i++) {
      sum += d[i] * WEIGHTS[i];
    }
    if (d[9] != sum % 10) {
      throw new InvalidIdentifierException(
          SCHEME,
          IdentifierProblem.CHECKSUM,
          "the check digit (10th) does not match the first nine digits");
    }
    return new Lnch(value);
  }

  @Override
  public Optional<SemanticsIdentifier> semanticsIdentifier() {
    return Optional.empty();
  }
}
