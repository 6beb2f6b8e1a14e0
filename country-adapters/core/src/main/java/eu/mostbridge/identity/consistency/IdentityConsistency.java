package eu.mostbridge.identity.consistency;

import eu.mostbridge.identity.Gender;
import eu.mostbridge.identity.identifier.NationalIdentityNumber;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Compares the date of birth and gender a national number encodes (EGN, EMBG) with the ones the
 * national eID asserted. Either side may be absent (LNCh encodes neither; eAuth may not send a
 * gender): only values present on both sides are compared, and {@link Gender#UNSPECIFIED}
 * contradicts nothing.
 */
public final class IdentityConsistency {
  private IdentityConsistency() {}

  public static ConsistencyReport check(
      NationalIdentityNumber number,
      Optional<LocalDate> assertedBirthDate,
      Optional<Gender> assertedGender) {
    Set<InconsistentAttribute> found = EnumSet.noneOf(InconsistentAttribute.class);
    if (number.birthDate().isPresent()
        && assertedBirthDate.isPresent()
        && !number.birthDate().get().equals(assertedBirthDate.get())) {
      found.add(InconsistentAttribute.DATE_OF_BIRTH);
    }
    if (number.gender().isPresent()
        && assertedGender.isPresent()
        && number.gender().get().contradicts(assertedGender.get())) {
      found.add(InconsistentAttribute.GENDER);
    }
    return new ConsistencyReport(found);
  }
}
