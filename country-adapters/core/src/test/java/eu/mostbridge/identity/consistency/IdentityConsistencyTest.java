package eu.mostbridge.identity.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdentityConsistencyTest {
  @Test
  void aReportIsConsistentOnlyWithoutInconsistencies() {
    assertThat(new ConsistencyReport(java.util.Set.of()).consistent()).isTrue();
    assertThat(new ConsistencyReport(java.util.Set.of(InconsistentAttribute.GENDER)).consistent())
        .isFalse();
  }
}
