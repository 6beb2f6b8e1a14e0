package eu.mostbridge.mk.eid;

import eu.mostbridge.adapter.AuthenticationFailure;
import eu.mostbridge.adapter.AuthenticationFailure.Reason;
import eu.mostbridge.adapter.ClaimsMapper;
import eu.mostbridge.adapter.NationalClaims;
import eu.mostbridge.identity.CommonIdentity;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.Gender;
import eu.mostbridge.identity.InvalidIdentifierException;
import eu.mostbridge.identity.LevelOfAssurance;
import eu.mostbridge.identity.PersonIdentifier;
import eu.mostbridge.identity.PersonName;
import eu.mostbridge.identity.ScriptTag;
import eu.mostbridge.identity.consistency.ConsistencyReport;
import eu.mostbridge.identity.consistency.IdentityConsistency;
import eu.mostbridge.mk.identifier.Embg;
import eu.mostbridge.mk.name.MacedonianRomanization;
import java.time.LocalDate;
import java.util.Optional;

/**
 * eid.mk's claims, by a configured {@link EidMkProfile}, to the common identity: the EMBG validated
 * (checksum, date, region policy) and checked against the asserted birth date and gender; Cyrillic
 * names romanized by the official table unless eid.mk sends Latin forms.
 */
public final class EidMkClaimsMapper implements ClaimsMapper {
  private final EidMkProfile profile;
  private final MacedonianRomanization romanization;

  public EidMkClaimsMapper(EidMkProfile profile) {
    this.profile = profile;
    this.romanization = new MacedonianRomanization(profile.dzhe());
  }

  @Override
  public CommonIdentity map(
      NationalClaims claims, CountryCode destination, LevelOfAssurance achieved)
      throws AuthenticationFailure {
    try {
      Embg embg;
      try {
        embg =
            Embg.parse(
                bareNumber(
                    claims
                        .string(profile.identifierClaim())
                        .orElseThrow(() -> invalid(profile.identifierClaim() + " is missing"))),
                profile.regionPolicy());
      } catch (InvalidIdentifierException e) {
        throw invalid(e.getMessage());
      }
      Optional<LocalDate> birthdate = claims.date(profile.birthdateClaim());
      Optional<Gender> gender = claims.gender(profile.genderClaim());
      ConsistencyReport report = IdentityConsistency.check(embg, birthdate, gender);
      if (!report.consistent()) {
        throw invalid("the EMBG contradicts the asserted " + report.inconsistencies());
      }
      return CommonIdentity.builder()
          .personIdentifier(embg.toPersonIdentifier(destination))
          .givenName(name(profile.givenNameClaim(), profile.givenNameNativeClaim(), claims))
          .familyName(name(profile.familyNameClaim(), profile.familyNameNativeClaim(), claims))
          .dateOfBirth(birthdate.orElse(embg.birthDate().orElseThrow()))
          .gender(gender.orElse(embg.gender().orElseThrow()))
          .levelOfAssurance(achieved)
          .originCountry(CountryCode.MK)
          .authenticationInstant(claims.authTime())
          .build();
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
  }

  /** The EMBG itself, from a bare value or the eIDAS form {@code MK/<destination>/<EMBG>}. */
  private static String bareNumber(String value) throws AuthenticationFailure {
    if (value.indexOf('/') < 0) {
      return value;
    }
    PersonIdentifier identifier = PersonIdentifier.parse(value);
    if (!CountryCode.MK.equals(identifier.origin())) {
      throw invalid("the person identifier does not come from North Macedonia");
    }
    return identifier.value();
  }

  private PersonName name(String latinClaim, String nativeClaim, NationalClaims claims)
      throws AuthenticationFailure {
    Optional<String> cyrillic = claims.string(nativeClaim);
    Optional<String> latin = claims.string(latinClaim);
    if (cyrillic.isPresent()) {
      return PersonName.of(
          latin.orElseGet(() -> romanization.romanize(cyrillic.get())),
          cyrillic.get(),
          ScriptTag.MACEDONIAN_CYRILLIC);
    }
    return PersonName.latinOnly(latin.orElseThrow(() -> invalid(latinClaim + " is missing")));
  }

  private static AuthenticationFailure invalid(String message) {
    return new AuthenticationFailure(Reason.INVALID_IDENTITY, "eid.mk identity: " + message);
  }
}
