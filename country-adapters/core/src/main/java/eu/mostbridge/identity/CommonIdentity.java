package eu.mostbridge.identity;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The common, eIDAS-shaped attribute set of one authenticated citizen: what a country adapter
 * produces from its national eID's answer and what Most releases to relying parties.
 *
 * <p>Immutable and validated on construction; build one with {@link #builder()}. {@code toString()}
 * prints no personal data.
 */
public final class CommonIdentity {
  /** Earliest birth date accepted; the EGN's oldest encoding (months +20) starts here. */
  public static final LocalDate EARLIEST_BIRTH_DATE = LocalDate.of(1800, 1, 1);

  private static final int MAX_PLACE_OF_BIRTH = 256;

  private final PersonIdentifier personIdentifier;
  private final PersonName familyName;
  private final PersonName givenName;
  private final LocalDate dateOfBirth;
  private final Gender gender;
  private final PersonName birthFamilyName;
  private final String placeOfBirth;
  private final PostalAddress currentAddress;
  private final Set<CountryCode> nationalities;
  private final LevelOfAssurance levelOfAssurance;
  private final CountryCode originCountry;
  private final Instant authenticationInstant;

  private CommonIdentity(Builder b) {
    List<String> missing = new ArrayList<>();
    require(b.personIdentifier, "person identifier", missing);
    require(b.familyName, "family name", missing);
    require(b.givenName, "given name", missing);
    require(b.dateOfBirth, "date of birth", missing);
    require(b.levelOfAssurance, "level of assurance", missing);
    require(b.originCountry, "origin country", missing);
    require(b.authenticationInstant, "authentication instant", missing);
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("Identity: missing " + String.join(", ", missing));
    }
    if (!b.personIdentifier.origin().equals(b.originCountry)) {
      throw new IllegalArgumentException(
          "Identity: the person identifier's origin "
              + b.personIdentifier.origin()
              + " is not the origin country "
              + b.originCountry);
    }
    // The latest calendar date anywhere on Earth at the moment of authentication (UTC+14).
    LocalDate latestPossibleToday = b.authenticationInstant.atOffset(ZoneOffset.MAX).toLocalDate();
    if (b.dateOfBirth.isAfter(latestPossibleToday)) {
      throw new IllegalArgumentException("Identity: the date of birth is in the future");
    }
    if (b.dateOfBirth.isBefore(EARLIEST_BIRTH_DATE)) {
      throw new IllegalArgumentException(
          "Identity: the date of birth is before " + EARLIEST_BIRTH_DATE);
    }
    if (b.placeOfBirth != null
        && (b.placeOfBirth.isBlank()
            || b.placeOfBirth.length() > MAX_PLACE_OF_BIRTH
            || b.placeOfBirth.chars().anyMatch(Character::isISOControl))) {
      throw new IllegalArgumentException(
          "Identity: the place of birth is empty, longer than "
              + MAX_PLACE_OF_BIRTH
              + " characters or holds control characters");
    }
    this.personIdentifier = b.personIdentifier;
    this.familyName = b.familyName;
    this.givenName = b.givenName;
    this.dateOfBirth = b.dateOfBirth;
    this.gender = b.gender;
    this.birthFamilyName = b.birthFamilyName;
    this.placeOfBirth = b.placeOfBirth == null ? null : b.placeOfBirth.strip();
    this.currentAddress = b.currentAddress;
    this.nationalities = Collections.unmodifiableSet(new LinkedHashSet<>(b.nationalities));
    this.levelOfAssurance = b.levelOfAssurance;
    this.originCountry = b.originCountry;
    this.authenticationInstant = b.authenticationInstant;
  }

  private static void require(Object value, String name, List<String> missing) {
    if (value == null) {
      missing.add(name);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this identity's values, to derive a changed copy. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.personIdentifier = personIdentifier;
    b.familyName = familyName;
    b.givenName = givenName;
    b.dateOfBirth = dateOfBirth;
    b.gender = gender;
    b.birthFamilyName = birthFamilyName;
    b.placeOfBirth = placeOfBirth;
    b.currentAddress = currentAddress;
    b.nationalities.addAll(nationalities);
    b.levelOfAssurance = levelOfAssurance;
    b.originCountry = originCountry;
    b.authenticationInstant = authenticationInstant;
    return b;
  }

  public PersonIdentifier personIdentifier() {
    return personIdentifier;
  }

  public PersonName familyName() {
    return familyName;
  }

  public PersonName givenName() {
    return givenName;
  }

  public LocalDate dateOfBirth() {
    return dateOfBirth;
  }

  public Optional<Gender> gender() {
    return Optional.ofNullable(gender);
  }

  public Optional<PersonName> birthFamilyName() {
    return Optional.ofNullable(birthFamilyName);
  }

  public Optional<String> placeOfBirth() {
    return Optional.ofNullable(placeOfBirth);
  }

  public Optional<PostalAddress> currentAddress() {
    return Optional.ofNullable(currentAddress);
  }

  public Set<CountryCode> nationalities() {
    return nationalities;
  }

  /** The level of assurance the national eID achieved (not the one requested). */
  public LevelOfAssurance levelOfAssurance() {
    return levelOfAssurance;
  }

  public CountryCode originCountry() {
    return originCountry;
  }

  /** When the citizen authenticated at the national eID. */
  public Instant authenticationInstant() {
    return authenticationInstant;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CommonIdentity that
        && personIdentifier.equals(that.personIdentifier)
        && familyName.equals(that.familyName)
        && givenName.equals(that.givenName)
        && dateOfBirth.equals(that.dateOfBirth)
        && Objects.equals(gender, that.gender)
        && Objects.equals(birthFamilyName, that.birthFamilyName)
        && Objects.equals(placeOfBirth, that.placeOfBirth)
        && Objects.equals(currentAddress, that.currentAddress)
        && nationalities.equals(that.nationalities)
        && levelOfAssurance == that.levelOfAssurance
        && originCountry.equals(that.originCountry)
        && authenticationInstant.equals(that.authenticationInstant);
  }

  @Override
  public int hashCode() {
    return Objects.hash(personIdentifier, dateOfBirth, authenticationInstant);
  }

  /** No personal data: only the origin, the level and the instant. */
  @Override
  public String toString() {
    return "CommonIdentity[origin="
        + originCountry
        + ", loa="
        + levelOfAssurance
        + ", authenticated="
        + authenticationInstant
        + "]";
  }

  /** Collects the attributes; {@link #build()} validates them all at once. */
  public static final class Builder {
    private PersonIdentifier personIdentifier;
    private PersonName familyName;
    private PersonName givenName;
    private LocalDate dateOfBirth;
    private Gender gender;
    private PersonName birthFamilyName;
    private String placeOfBirth;
    private PostalAddress currentAddress;
    private final Set<CountryCode> nationalities = new LinkedHashSet<>();
    private LevelOfAssurance levelOfAssurance;
    private CountryCode originCountry;
    private Instant authenticationInstant;

    private Builder() {}

    public Builder personIdentifier(PersonIdentifier value) {
      this.personIdentifier = value;
      return this;
    }

    public Builder familyName(PersonName value) {
      this.familyName = value;
      return this;
    }

    public Builder givenName(PersonName value) {
      this.givenName = value;
      return this;
    }

    public Builder dateOfBirth(LocalDate value) {
      this.dateOfBirth = value;
      return this;
    }

    public Builder gender(Gender value) {
      this.gender = value;
      return this;
    }

    public Builder birthFamilyName(PersonName value) {
      this.birthFamilyName = value;
      return this;
    }

    public Builder placeOfBirth(String value) {
      this.placeOfBirth = value;
      return this;
    }

    public Builder currentAddress(PostalAddress value) {
      this.currentAddress = value;
      return this;
    }

    public Builder nationality(CountryCode value) {
      this.nationalities.add(Objects.requireNonNull(value, "nationality"));
      return this;
    }

    public Builder levelOfAssurance(LevelOfAssurance value) {
      this.levelOfAssurance = value;
      return this;
    }

    public Builder originCountry(CountryCode value) {
      this.originCountry = value;
      return this;
    }

    public Builder authenticationInstant(Instant value) {
      this.authenticationInstant = value;
      return this;
    }

    public CommonIdentity build() {
      return new CommonIdentity(this);
    }
  }
}
