package eu.mostbridge.bg.identifier;

import static org.assertj.core.api.Assertions.assertThat;

import eu.mostbridge.identity.Gender;
import eu.mostbridge.identity.consistency.IdentityConsistency;
import eu.mostbridge.identity.consistency.InconsistentAttribute;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EgnConsistencyTest {
  private final Egn egn = Egn.parse("7501020018"); // 1975-01-02, female (9th digit odd)

  @Test
  void matchingAssertionsAreConsistent() {
    assertThat(
            IdentityConsistency.check(
                    egn, Optional.of(LocalDate.of(1975, 1, 2)), Optional.of(Gender.FEMALE))
                .consistent())
        .isTrue();
  }

  @Test
  void aDifferentBirthDateIsReported() {
    assertThat(
            IdentityConsistency.check(egn, Optional.of(LocalDate.of(1975, 2, 1)), Optional.empty())
                .inconsistencies())
        .containsExactly(InconsistentAttribute.DATE_OF_BIRTH);
  }

  @Test
  void anotherGenderIsReportedButUnspecifiedContradictsNothing() {
    assertThat(
            IdentityConsistency.check(egn, Optional.empty(), Optional.of(Gender.MALE))
                .inconsistencies())
        .containsExactly(InconsistentAttribute.GENDER);
    assertThat(
            IdentityConsistency.check(egn, Optional.empty(), Optional.of(Gender.UNSPECIFIED))
                .consistent())
        .isTrue();
  }

  @Test
  void bothMismatchesAreReportedTogether() {
    assertThat(
            IdentityConsistency.check(
                    egn, Optional.of(LocalDate.of(1957, 1, 2)), Optional.of(Gender.MALE))
                .inconsistencies())
        .containsExactlyInAnyOrder(
            InconsistentAttribute.DATE_OF_BIRTH, InconsistentAttribute.GENDER);
  }

  @Test
  void anLnchHasNothingToContradict() {
    assertThat(
            IdentityConsistency.check(
                    Lnch.parse("7111042925"),
                    Optional.of(LocalDate.of(1971, 11, 4)),
                    Optional.of(Gender.FEMALE))
                .consistent())
        .isTrue();
  }
}
