package eu.mostbridge.bg.mvr;

import eu.mostbridge.adapter.AuthenticationFailure;
import eu.mostbridge.adapter.AuthenticationFailure.Reason;
import eu.mostbridge.adapter.ClaimsMapper;
import eu.mostbridge.adapter.NationalClaims;
import eu.mostbridge.bg.identifier.Egn;
import eu.mostbridge.bg.identifier.Lnch;
import eu.mostbridge.bg.name.TransliterationAct2009;
import eu.mostbridge.identity.CommonIdentity;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.ErrorText;
import eu.mostbridge.identity.Gender;
import eu.mostbridge.identity.InvalidIdentifierException;
import eu.mostbridge.identity.LevelOfAssurance;
import eu.mostbridge.identity.PersonName;
import eu.mostbridge.identity.ScriptTag;
import eu.mostbridge.identity.consistency.ConsistencyReport;
import eu.mostbridge.identity.consistency.IdentityConsistency;
import eu.mostbridge.identity.identifier.NationalIdentityNumber;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The MVR eID claim profile: {@code citizen_identifier} with {@code citizen_identifier_type} (EGN
 * or LNCh), {@code given_name}, {@code middle_name}, {@code family_name} in Latin and the same with
 * {@code _cyrillic}. The father's name ({@code middle_name}) goes with the given names, as in
 * Bulgarian passports and as the eAuth adapter does. The MVR's {@code date_of_birth} (eID PDEAU
 * {@code Claims.cs}; OpenID Connect's {@code birthdate} when it is absent) and {@code gender} are
 * read when present and checked against an EGN; an LNCh encodes no birth date, so an LNCh holder's
 * login needs the date claim.
 */
public final class MvrClaimsMapper implements ClaimsMapper {
  private final TransliterationAct2009 act = new TransliterationAct2009();
  private final MvrClaimNames names;

  /** A mapper reading the claim names of the MVR's public code. */
  public MvrClaimsMapper() {
    this(MvrClaimNames.PUBLIC_CODE);
  }

  /** A mapper reading {@code names}. */
  public MvrClaimsMapper(MvrClaimNames names) {
    this.names = names;
  }

  @Override
  public CommonIdentity map(
      NationalClaims claims, CountryCode destination, LevelOfAssurance achieved)
      throws AuthenticationFailure {
    try {
      return mapChecked(claims, destination, achieved);
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
  }

  private CommonIdentity mapChecked(
      NationalClaims claims, CountryCode destination, LevelOfAssurance achieved)
      throws AuthenticationFailure {
    String identifier =
        claims
            .string(names.identifier())
            .orElseThrow(() -> invalid(names.identifier() + " is missing"));
    String type = claims.string(names.identifierType()).orElse("EGN").toUpperCase(Locale.ROOT);
    NationalIdentityNumber number;
    try {
      number =
          switch (type) {
            case "EGN" -> Egn.parse(identifier);
            case "LNCH" -> Lnch.parse(identifier);
            default ->
                throw invalid(
                    names.identifierType()
                        + " "
                        + ErrorText.quote(type)
                        + " is neither EGN nor LNCh");
          };
    } catch (InvalidIdentifierException e) {
      throw invalid(e.getMessage());
    }
    // The MVR's own claim is date_of_birth (its Claims.cs); birthdate is OpenID Connect's.
    Optional<LocalDate> birthdate =
        claims.date(names.dateOfBirth()).or(() -> claims.date("birthdate"));
    Optional<Gender> gender = claims.gender(names.gender());
    ConsistencyReport report = IdentityConsistency.check(number, birthdate, gender);
    if (!report.consistent()) {
      throw invalid(
          "the " + number.scheme() + " contradicts the asserted " + report.inconsistencies());
    }
    LocalDate dateOfBirth =
        birthdate
            .or(number::birthDate)
            .orElseThrow(() -> invalid("no birthdate for an LNCh holder"));
    CommonIdentity.Builder identity =
        CommonIdentity.builder()
            .personIdentifier(number.toPersonIdentifier(destination))
            .givenName(
                name(
                    joined(claims.string(names.givenName()), claims.string(names.middleName())),
                    joined(
                        claims.string(names.givenNameCyrillic()),
                        claims.string(names.middleNameCyrillic())),
                    "given name"))
            .familyName(
                name(
                    claims.string(names.familyName()),
                    claims.string(names.familyNameCyrillic()),
                    "family name"))
            .dateOfBirth(dateOfBirth)
            .levelOfAssurance(achieved)
            .originCountry(CountryCode.BG)
            .authenticationInstant(claims.authTime());
    gender.or(number::gender).ifPresent(identity::gender);
    return identity.build();
  }

  private static Optional<String> joined(Optional<String> first, Optional<String> second) {
    String joined =
        Stream.of(first, second).flatMap(Optional::stream).collect(Collectors.joining(" "));
    return joined.isEmpty() ? Optional.empty() : Optional.of(joined);
  }

  private PersonName name(Optional<String> latin, Optional<String> cyrillic, String what)
      throws AuthenticationFailure {
    if (cyrillic.isPresent()) {
      return PersonName.of(
          latin.orElseGet(() -> act.romanize(cyrillic.get())),
          cyrillic.get(),
          ScriptTag.BULGARIAN_CYRILLIC);
    }
    return PersonName.latinOnly(latin.orElseThrow(() -> invalid("the " + what + " is missing")));
  }

  private static AuthenticationFailure invalid(String message) {
    return new AuthenticationFailure(Reason.INVALID_IDENTITY, "MVR eID identity: " + message);
  }
}
