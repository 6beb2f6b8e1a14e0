package eu.mostbridge.bg.eauth;

import eu.mostbridge.adapter.AuthenticationFailure;
import eu.mostbridge.adapter.AuthenticationFailure.Reason;
import eu.mostbridge.bg.identifier.Egn;
import eu.mostbridge.bg.identifier.Lnch;
import eu.mostbridge.bg.name.TransliterationAct2009;
import eu.mostbridge.identity.CommonIdentity;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.Gender;
import eu.mostbridge.identity.IdentifierProblem;
import eu.mostbridge.identity.InvalidIdentifierException;
import eu.mostbridge.identity.LevelOfAssurance;
import eu.mostbridge.identity.PersonName;
import eu.mostbridge.identity.PostalAddress;
import eu.mostbridge.identity.ScriptTag;
import eu.mostbridge.identity.consistency.ConsistencyReport;
import eu.mostbridge.identity.consistency.IdentityConsistency;
import eu.mostbridge.identity.identifier.NationalIdentityNumber;
import eu.mostbridge.identity.identifier.SemanticsIdentifier;
import eu.mostbridge.identity.romanization.UnromanizableTextException;
import eu.mostbridge.saml.ValidatedAssertion;
import java.lang.Character.UnicodeScript;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a validated eAuth assertion into the common identity.
 *
 * <ul>
 *   <li>{@code personIdentifier} is {@code PNOBG-<number>}: eAuth writes every identifier without
 *       its own prefix so (eAuth-v2), an LNCh as much as an EGN. The number is an EGN when it is a
 *       valid EGN (check digit and the date it encodes) that agrees with the asserted {@code
 *       dateOfBirth} (or none is asserted); otherwise an LNCh when its check digit holds; otherwise
 *       refused. So a foreigner's LNCh that happens to pass the EGN check is still read as an LNCh
 *       whenever eAuth sends the date of birth, which it does for its own registrations. Other ETSI
 *       types (passport, identity card) identify a document, not a person, and are refused.
 *   <li>An LNCh encodes no date of birth or gender: they come from the assertion only, the date is
 *       then required, and no nationality is claimed (an LNCh holder is not a Bulgarian).
 *   <li>{@code personName} is one string, "given father's family"; the last word is the family name
 *       and the words before it the given names (as Bulgarian passports print them).
 *   <li>Latin forms come from the Transliteration Act 2009, always: {@code latinName} may be the
 *       name the citizen typed into their eAuth profile (eAuth-v2 {@code UserService}), so it is
 *       neither used nor a reason to refuse the login.
 *   <li>A name written in Latin letters only (a qualified certificate's CN) is kept as it is.
 *   <li>A {@code personName} that is a login method's placeholder ("Потребител идентифициран с ПИК
 *       на НАП") is never taken for a name: the login is refused with {@code PLACEHOLDER_IDENTITY},
 *       so the citizen can choose another method.
 *   <li>{@code dateOfBirth} (read as {@code YYYY-MM-DD}) and {@code gender} are checked against the
 *       EGN; without them, the EGN's own values are used.
 *   <li>{@code email} and {@code phone} stay out of the common set.
 * </ul>
 */
public final class EAuthIdentityMapper {
  private final TransliterationAct2009 act = new TransliterationAct2009();
  private final Set<String> placeholderNames;

  /** A mapper that refuses eAuth's own placeholder names. */
  public EAuthIdentityMapper() {
    this(EAuthSettings.PLACEHOLDER_NAMES);
  }

  /** A mapper that refuses {@code placeholderNames} as names (compared case- and space-blind). */
  public EAuthIdentityMapper(List<String> placeholderNames) {
    this.placeholderNames =
        placeholderNames.stream()
            .map(EAuthIdentityMapper::normalized)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  private static String normalized(String name) {
    return String.join(" ", words(name)).toLowerCase(Locale.ROOT);
  }

  /** The common identity, for a relying party in {@code destination}, at {@code level}. */
  public CommonIdentity map(
      ValidatedAssertion assertion, CountryCode destination, LevelOfAssurance level)
      throws AuthenticationFailure {
    try {
      return mapChecked(assertion, destination, level);
    } catch (IllegalArgumentException e) {
      // Names, dates, addresses that the domain types refuse: the citizen's data, not our bug.
      throw new AuthenticationFailure(Reason.INVALID_IDENTITY, "eAuth identity: " + e.getMessage());
    }
  }

  private CommonIdentity mapChecked(
      ValidatedAssertion assertion, CountryCode destination, LevelOfAssurance level)
      throws AuthenticationFailure {
    Optional<LocalDate> assertedBirth =
        optional(assertion, EAuthNames.DATE_OF_BIRTH).map(this::date);
    Optional<Gender> assertedGender = optional(assertion, EAuthNames.GENDER).flatMap(this::gender);
    NationalIdentityNumber number =
        number(required(assertion, EAuthNames.PERSON_IDENTIFIER), assertedBirth);
    String personName = required(assertion, EAuthNames.PERSON_NAME);
    if (placeholderNames.contains(normalized(personName))) {
      throw new AuthenticationFailure(
          Reason.PLACEHOLDER_IDENTITY,
          "eAuth identity: personName is a login method's placeholder, not the citizen's name");
    }
    String[] cyrillic = words(personName);
    if (cyrillic.length < 2) {
      throw invalid("personName must hold given and family names");
    }
    ConsistencyReport report = IdentityConsistency.check(number, assertedBirth, assertedGender);
    if (!report.consistent()) {
      throw invalid(
          "the " + number.scheme() + " contradicts the asserted " + report.inconsistencies());
    }
    LocalDate dateOfBirth =
        assertedBirth
            .or(number::birthDate)
            .orElseThrow(() -> invalid("an LNCh encodes no date of birth and eAuth sent none"));
    CommonIdentity.Builder identity =
        CommonIdentity.builder()
            .personIdentifier(number.toPersonIdentifier(destination))
            .givenName(name(String.join(" ", Arrays.copyOf(cyrillic, cyrillic.length - 1))))
            .familyName(name(cyrillic[cyrillic.length - 1]))
            .dateOfBirth(dateOfBirth)
            .levelOfAssurance(level)
            .originCountry(CountryCode.BG)
            .authenticationInstant(assertion.authenticationInstant());
    assertedGender.or(number::gender).ifPresent(identity::gender);
    if (number instanceof Egn) {
      identity.nationality(CountryCode.BG);
    }
    Optional<String> birthName = optional(assertion, EAuthNames.BIRTH_NAME);
    if (birthName.isPresent()) {
      identity.birthFamilyName(name(birthName.get().strip()));
    }
    optional(assertion, EAuthNames.PLACE_OF_BIRTH).ifPresent(identity::placeOfBirth);
    optional(assertion, EAuthNames.RESIDENCE_ADDRESS)
        .ifPresent(address -> identity.currentAddress(new PostalAddress(address)));
    return identity.build();
  }

  /** An optional attribute: absent, empty and blank all mean "not sent". */
  private static Optional<String> optional(ValidatedAssertion assertion, String name) {
    return assertion.single(name).map(String::strip).filter(v -> !v.isEmpty());
  }

  private static String required(ValidatedAssertion assertion, String name)
      throws AuthenticationFailure {
    Optional<String> value = optional(assertion, name);
    if (value.isEmpty()) {
      throw invalid("the attribute " + name + " is missing");
    }
    return value.get();
  }

  /** The EGN or LNCh of {@code PNOBG-<number>}, by the rule in the class comment. */
  private static NationalIdentityNumber number(
      String personIdentifier, Optional<LocalDate> assertedBirth) throws AuthenticationFailure {
    SemanticsIdentifier etsi;
    try {
      etsi = SemanticsIdentifier.parse(personIdentifier);
    } catch (InvalidIdentifierException e) {
      throw new AuthenticationFailure(
          Reason.INVALID_IDENTITY, "eAuth personIdentifier: " + e.getMessage());
    }
    if (!etsi.isPersonalNumber() || !CountryCode.BG.equals(etsi.country())) {
      throw invalid(
          "personIdentifier is a "
              + etsi.type()
              + etsi.country()
              + " identifier, not a Bulgarian EGN or LNCh (PNOBG)");
    }
    String digits = etsi.reference();
    Optional<Egn> egn = parsed(() -> Egn.parse(digits));
    Optional<Lnch> lnch = parsed(() -> Lnch.parse(digits));
    if (egn.isPresent()
        && (assertedBirth.isEmpty() || assertedBirth.equals(egn.get().birthDate()))) {
      return egn.get();
    }
    if (lnch.isPresent()) {
      return lnch.get();
    }
    if (egn.isPresent()) {
      return egn.get(); // an EGN whose date contradicts the assertion: refused as inconsistent
    }
    try {
      return Egn.parse(digits);
    } catch (InvalidIdentifierException e) {
      throw new AuthenticationFailure(
          Reason.INVALID_IDENTITY,
          "eAuth personIdentifier: neither an EGN nor an LNCh (" + e.getMessage() + ")");
    }
  }

  private static <T> Optional<T> parsed(java.util.function.Supplier<T> parse) {
    try {
      return Optional.of(parse.get());
    } catch (InvalidIdentifierException e) {
      return Optional.empty();
    }
  }

  private static String[] words(String name) {
    return name.strip().split("\\s+", -1);
  }

  private PersonName name(String text) {
    if (!hasCyrillic(text)) {
      return PersonName.latinOnly(text);
    }
    try {
      return PersonName.of(act.romanize(text), text, ScriptTag.BULGARIAN_CYRILLIC);
    } catch (UnromanizableTextException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static boolean hasCyrillic(String text) {
    return text.codePoints().anyMatch(cp -> UnicodeScript.of(cp) == UnicodeScript.CYRILLIC);
  }

  private LocalDate date(String value) {
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new InvalidIdentifierException(
          "eAuth dateOfBirth", IdentifierProblem.DATE, "not a date in the form YYYY-MM-DD");
    }
  }

  /** eAuth's gender format is not public: male/female and M/F are read, anything else is not. */
  private Optional<Gender> gender(String value) {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "male", "m" -> Optional.of(Gender.MALE);
      case "female", "f" -> Optional.of(Gender.FEMALE);
      default -> Optional.empty();
    };
  }

  private static AuthenticationFailure invalid(String message) {
    return new AuthenticationFailure(Reason.INVALID_IDENTITY, "eAuth identity: " + message);
  }
}
