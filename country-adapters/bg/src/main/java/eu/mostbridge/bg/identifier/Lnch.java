package eu.mostbridge.bg.identifier;

import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.Gender;
import eu.mostbridge.identity.identifier.IdentifierDigits;
import eu.mostbridge.identity.identifier.IdentifierProblem;
import eu.mostbridge.identity.identifier.InvalidIdentifierException;
import eu.mostbridge.identity.identifier.NationalIdentityNumber;
import eu.mostbridge.identity.identifier.SemanticsIdentifier;
import java.time.LocalDate;
import java.util.Optional;

/**
 * ЛНЧ, the personal number of a foreigner resident in Bulgaria: ten digits, the last a check digit:
 * the first nine weighted 21, 19, 17, 13, 11, 9, 7, 3, 1, summed, modulo 10. It encodes no date of
 * birth and no gender.
 *
 * <p>How eAuth prefixes an LNCh in its ETSI-style person identifier is not publicly documented, so
 * {@link #semanticsIdentifier()} is empty; the Bulgarian adapter takes the prefix from
 * configuration.
 */
public final class Lnch implements NationalIdentityNumber {
  public static final String SCHEME = "LNCh";
  private static final int LENGTH = 10;
  private static final int[] WEIGHTS = {21, 19, 17, 13, 11, 9, 7, 3, 1};

  private final String value;

  private Lnch(String value) {
    this.value = value;
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
  public String scheme() {
    return SCHEME;
  }

  @Override
  public CountryCode country() {
    return CountryCode.BG;
  }

  @Override
  public String value() {
    return value;
  }

  @Override
  public Optional<LocalDate> birthDate() {
    return Optional.empty();
  }

  @Override
  public Optional<Gender> gender() {
    return Optional.empty();
  }

  @Override
  public Optional<SemanticsIdentifier> semanticsIdentifier() {
    return Optional.empty();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Lnch that && value.equals(that.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  /** Redacted: an LNCh is personal data. */
  @Override
  public String toString() {
    return "Lnch[redacted]";
  }
}
