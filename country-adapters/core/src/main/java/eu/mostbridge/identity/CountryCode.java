package eu.mostbridge.identity;

import java.util.Locale;
import java.util.Set;

/**
 * An ISO 3166-1 alpha-2 country code as eIDAS writes it: two upper-case letters. {@code EL}
 * (Greece) is accepted besides ISO's {@code GR} because the EU and eIDAS nodes use it.
 *
 * @param alpha2 the two-letter code
 */
public record CountryCode(String alpha2) {
  // Declared before the constants below: they are validated against it during class initialisation.
  private static final Set<String> ISO_CODES = Set.of(Locale.getISOCountries());
  private static final String EU_CODE_FOR_GREECE = "EL";

  public static final CountryCode BG = new CountryCode("BG");
  public static final CountryCode MK = new CountryCode("MK");

  public CountryCode {
    if (alpha2 == null
        || !(ISO_CODES.contains(alpha2) || EU_CODE_FOR_GREECE.equals(alpha2))
        || !alpha2.equals(alpha2.toUpperCase(Locale.ROOT))) {
      throw new IllegalArgumentException(
          "Not an ISO 3166-1 alpha-2 country code in upper case: " + ErrorText.quote(alpha2));
    }
  }

  /**
   * A code as a person or a relying party may write it, in either case, read as eIDAS writes it:
   * ISO's {@code GR} is Greece's {@code EL}, the code every eIDAS node and PersonIdentifier uses.
   *
   * @throws IllegalArgumentException when it is not a country code
   */
  public static CountryCode ofEidas(String code) {
    String upper = code == null ? null : code.strip().toUpperCase(Locale.ROOT);
    return new CountryCode("GR".equals(upper) ? EU_CODE_FOR_GREECE : upper);
  }

  /** The ISO 3166 code, for locale data: {@code GR} for {@code EL}. */
  public String iso() {
    return EU_CODE_FOR_GREECE.equals(alpha2) ? "GR" : alpha2;
  }

  /** Parses a code such as {@code BG}; lower case is refused, as eIDAS requires upper case. */
  public static CountryCode of(String alpha2) {
    return new CountryCode(alpha2);
  }

  @Override
  public String toString() {
    return alpha2;
  }
}
