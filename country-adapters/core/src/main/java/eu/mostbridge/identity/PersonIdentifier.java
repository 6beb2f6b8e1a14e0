package eu.mostbridge.identity;

import java.util.Objects;

/**
 * The eIDAS person identifier: {@code <origin>/<destination>/<value>}, for example {@code
 * BG/MK/7501020018}: the country that identified the person, the country of the relying party, and
 * the identifier (a national number or a pseudonym). No white space is allowed anywhere.
 *
 * @param origin the country whose eID identified the person
 * @param destination the country of the relying party the identifier is released to
 * @param value the identifier proper
 */
public record PersonIdentifier(CountryCode origin, CountryCode destination, String value) {
  /** Most's own bound; large enough for a national number or a pseudonym, small enough to log. */
  public static final int MAX_VALUE_LENGTH = 256;

  private static final String SCHEME = "eIDAS person identifier";

  public PersonIdentifier {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(destination, "destination");
    checkValue(value);
  }

  /**
   * Parses the eIDAS form. The value part is everything after the second slash, so it may itself
   * contain slashes.
   */
  public static PersonIdentifier parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new InvalidIdentifierException(SCHEME, IdentifierProblem.MISSING, "nothing given");
    }
    if (text.length() > 6 + MAX_VALUE_LENGTH) {
      throw new InvalidIdentifierException(
          SCHEME, IdentifierProblem.LENGTH, "longer than " + (6 + MAX_VALUE_LENGTH));
    }
    String[] parts = text.split("/", 3);
    if (parts.length != 3 || parts[0].length() != 2 || parts[1].length() != 2) {
      throw new InvalidIdentifierException(
          SCHEME,
          IdentifierProblem.SYNTAX,
          "expected <origin country>/<destination country>/<identifier>");
    }
    return new PersonIdentifier(
        country(parts[0], "origin"), country(parts[1], "destination"), parts[2]);
  }

  private static CountryCode country(String code, String role) {
    try {
      return CountryCode.of(code);
    } catch (IllegalArgumentException e) {
      throw new InvalidIdentifierException(
          SCHEME, IdentifierProblem.COUNTRY, "the " + role + " is not an ISO 3166 country code");
    }
  }

  private static void checkValue(String value) {
    if (value == null || value.isEmpty()) {
      throw new InvalidIdentifierException(
          SCHEME, IdentifierProblem.MISSING, "the identifier part is empty");
    }
    if (value.length() > MAX_VALUE_LENGTH) {
      throw new InvalidIdentifierException(
          SCHEME,
          IdentifierProblem.LENGTH,
          "the identifier part is longer than " + MAX_VALUE_LENGTH + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) {
        throw new InvalidIdentifierException(
            SCHEME,
            IdentifierProblem.SYNTAX,
            "the identifier part holds white space or a control character at position " + (i + 1));
      }
    }
  }

  /** The eIDAS form, {@code BG/MK/7501020018}. */
  public String toEidasForm() {
    return origin + "/" + destination + "/" + value;
  }

  /** Redacted: an identifier is personal data and must not reach a log by accident. */
  @Override
  public String toString() {
    return "PersonIdentifier[" + origin + "/" + destination + "/(redacted)]";
  }
}
