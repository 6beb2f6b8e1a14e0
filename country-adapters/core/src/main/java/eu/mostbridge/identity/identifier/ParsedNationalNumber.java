package eu.mostbridge.identity.identifier;

import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.Gender;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * What every national number shares once parsed: its scheme, country and digits, what it encodes,
 * equality by scheme, country and value, and a {@code toString()} that never prints the number.
 * Subclasses hold the parsing rules and a private constructor, so parsing stays the only way in.
 */
public abstract class ParsedNationalNumber implements NationalIdentityNumber {
  private final String scheme;
  private final CountryCode country;
  private final String value;
  private final LocalDate birthDate;
  private final Gender gender;

  /**
   * @param birthDate the encoded date of birth, or null where the scheme encodes none
   * @param gender the encoded gender, or null where the scheme encodes none
   */
  protected ParsedNationalNumber(
      String scheme, CountryCode country, String value, LocalDate birthDate, Gender gender) {
    this.scheme = Objects.requireNonNull(scheme, "scheme");
    this.country = Objects.requireNonNull(country, "country");
    this.value = Objects.requireNonNull(value, "value");
    this.birthDate = birthDate;
    this.gender = gender;
  }

  @Override
  public final String scheme() {
    return scheme;
  }

  @Override
  public final CountryCode country() {
    return country;
  }

  @Override
  public final String value() {
    return value;
  }

  @Override
  public final Optional<LocalDate> birthDate() {
    return Optional.ofNullable(birthDate);
  }

  @Override
  public final Optional<Gender> gender() {
    return Optional.ofNullable(gender);
  }

  @Override
  public final boolean equals(Object other) {
    return other instanceof ParsedNationalNumber that
        && scheme.equals(that.scheme)
        && country.equals(that.country)
        && value.equals(that.value);
  }

  @Override
  public final int hashCode() {
    return value.hashCode();
  }

  /** Redacted: a national number is personal data. */
  @Override
  public final String toString() {
    return scheme + "[redacted]";
  }
}
