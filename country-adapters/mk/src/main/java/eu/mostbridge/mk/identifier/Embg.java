package eu.mostbridge.mk.identifier;

import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.Gender;
import eu.mostbridge.identity.IdentifierProblem;
import eu.mostbridge.identity.InvalidIdentifierException;
import eu.mostbridge.identity.identifier.IdentifierDigits;
import eu.mostbridge.identity.identifier.ParsedNationalNumber;
import eu.mostbridge.identity.identifier.SemanticsIdentifier;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * ЕМБГ, North Macedonia's unique master citizen number: {@code DDMMYYYRRBBBK}, written here with
 * the digits a–m.
 *
 * <ul>
 *   <li>{@code DDMMYYY}: date of birth; {@code YYY} of 800 or more is 1YYY, below 800 is 2YYY.
 *   <li>{@code RR}: registration region, 41–49 in North Macedonia ({@link RegistrationRegion}).
 *   <li>{@code BBB}: serial; 000–499 a man, 500–999 a woman.
 *   <li>{@code K}: check digit: m = 11 − ((7(a+g) + 6(b+h) + 5(c+i) + 4(d+j) + 3(e+k) + 2(f+l)) mod
 *       11); m from 1 to 9 is K = m, m = 11 is K = 0.
 * </ul>
 *
 * <p>m = 10: no check digit can express it, so such a combination of the first twelve digits is not
 * a valid EMBG, and Most refuses it (as django-localflavor does). Some libraries accept K = 0
 * there; that would let through a number the scheme cannot produce, which is the weaker choice for
 * an identity bridge.
 */
public final class Embg extends ParsedNationalNumber {
  public static final String SCHEME = "EMBG";
  private static final int LENGTH = 13;
  private static final int[] WEIGHTS = {7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2};

  private final int region;

  private Embg(String value, LocalDate birthDate, int region, Gender gender) {
    super(SCHEME, CountryCode.MK, value, birthDate, gender);
    this.region = region;
  }

  /** Parses and validates an EMBG registered in North Macedonia (regions 41–49). */
  public static Embg parse(String value) {
    return parse(value, RegionPolicy.NORTH_MACEDONIA_ONLY);
  }

  /**
   * Parses and validates an EMBG under an explicit region policy.
   *
   * @throws InvalidIdentifierException naming the problem: length, non-digit, impossible date,
   *     region outside the policy, or check digit
   */
  public static Embg parse(String value, RegionPolicy policy) {
    int[] d = IdentifierDigits.parse(SCHEME, value, LENGTH);
    int day = IdentifierDigits.number(d, 0, 2);
    int month = IdentifierDigits.number(d, 2, 4);
    int yyy = IdentifierDigits.number(d, 4, 7);
    LocalDate birthDate =
        IdentifierDigits.date(SCHEME, yyy >= 800 ? 1000 + yyy : 2000 + yyy, month, day);
    int region = IdentifierDigits.number(d, 7, 9);
    if (policy == RegionPolicy.NORTH_MACEDONIA_ONLY && RegistrationRegion.of(region).isEmpty()) {
      throw new InvalidIdentifierException(
          SCHEME,
          IdentifierProblem.REGION,
          "the region digits (8th-9th) are " + region + ", not a North Macedonian region 41-49");
    }
    int m = 11 - (weightedSum(d) % 11);
    if (m == 10) {
      throw new InvalidIdentifierException(
          SCHEME,
          IdentifierProblem.CHECKSUM,
          "the first twelve digits have no valid check digit (remainder 10)");
    }
    int expected = m == 11 ? 0 : m;
    if (d[12] != expected) {
      throw new InvalidIdentifierException(
          SCHEME,
          IdentifierProblem.CHECKSUM,
          "the check digit (13th) does not match the first twelve digits");
    }
    int serial = IdentifierDigits.number(d, 9, 12);
    return new Embg(value, birthDate, region, serial < 500 ? Gender.MALE : Gender.FEMALE);
  }

  private static int weightedSum(int[] digits) {
    int sum = 0;
    for (int i = 0; i < WEIGHTS.length; i++) {
      sum += digits[i] * WEIGHTS[i];
    }
    return sum;
  }

  /** The two region digits, 41–49 unless parsed under {@link RegionPolicy#ANY_REGION}. */
  public int regionCode() {
    return region;
  }

  /** The North Macedonian region, if the code is one. */
  public Optional<RegistrationRegion> region() {
    return RegistrationRegion.of(region);
  }

  /** {@code PNOMK-<EMBG>}: the ETSI EN 319 412-1 form of a national personal number. */
  @Override
  public Optional<SemanticsIdentifier> semanticsIdentifier() {
    return Optional.of(SemanticsIdentifier.personalNumber(CountryCode.MK, value()));
  }

  @Override
  public Map<String, String> decoded() {
    Map<String, String> facts = super.decoded();
    facts.put(
        "region",
        region()
            .map(r -> r.code() + " " + r.displayName())
            .orElse(region + " (outside North Macedonia)"));
    return facts;
  }
}
