package eu.mostbridge.identity.identifier;

import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.IdentifierProblem;
import eu.mostbridge.identity.InvalidIdentifierException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A natural-person semantics identifier of ETSI EN 319 412-1 (clause 5.1.3), the form qualified
 * certificates and Bulgarian eAuth use: {@code PNOBG-7501020018} is the national personal number
 * 7501020018 issued by Bulgaria.
 *
 * @param type {@code PAS} (passport), {@code IDC} (identity card), {@code PNO} (national personal
 *     number), {@code TAX}, {@code TIN}, or a country code and colon for a national scheme ({@code
 *     BG:})
 * @param country the issuing country
 * @param reference the identifier within that type and country
 */
public record SemanticsIdentifier(String type, CountryCode country, String reference) {
  /** The national personal number type. */
  public static final String PERSONAL_NUMBER = "PNO";

  private static final String SCHEME = "ETSI semantics identifier";
  private static final Pattern TYPE = Pattern.compile("PAS|IDC|PNO|TAX|TIN|[A-Z]{2}:");
  private static final Pattern FORM =
      Pattern.compile("(PAS|IDC|PNO|TAX|TIN|[A-Z]{2}:)([A-Z]{2})-(\\S{1,256})");

  public SemanticsIdentifier {
    Objects.requireNonNull(country, "country");
    if (type == null || !TYPE.matcher(type).matches()) {
      throw new InvalidIdentifierException(SCHEME, IdentifierProblem.SYNTAX, "unknown type");
    }
    if (reference == null || !reference.matches("\\S{1,256}")) {
      throw new InvalidIdentifierException(
          SCHEME, IdentifierProblem.SYNTAX, "the reference is empty, too long or has white space");
    }
  }

  /** Parses {@code <type><country>-<reference>}. */
  public static SemanticsIdentifier parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new InvalidIdentifierException(SCHEME, IdentifierProblem.MISSING, "nothing given");
    }
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw new InvalidIdentifierException(
          SCHEME,
          IdentifierProblem.SYNTAX,
          "expected <PAS|IDC|PNO|TAX|TIN|XX:><country>-<identifier>");
    }
    CountryCode country;
    try {
      country = CountryCode.of(m.group(2));
    } catch (IllegalArgumentException e) {
      throw new InvalidIdentifierException(
          SCHEME, IdentifierProblem.COUNTRY, "not an ISO 3166 country code");
    }
    return new SemanticsIdentifier(m.group(1), country, m.group(3));
  }

  /** A national personal number ({@code PNO}) of the given country. */
  public static SemanticsIdentifier personalNumber(CountryCode country, String number) {
    return new SemanticsIdentifier(PERSONAL_NUMBER, country, number);
  }

  public boolean isPersonalNumber() {
    return PERSONAL_NUMBER.equals(type);
  }

  /** The ETSI form, {@code PNOBG-7501020018}. */
  public String toEtsiForm() {
    return type + country + "-" + reference;
  }

  /** Redacted: the reference is personal data and must not reach a log by accident. */
  @Override
  public String toString() {
    return "SemanticsIdentifier[" + type + country + "-(redacted)]";
  }
}
