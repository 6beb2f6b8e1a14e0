package eu.mostbridge.identity.consistency;

import java.util.Set;

/**
 * The outcome of a {@link IdentityConsistency} check. It names the attributes that disagree and
 * never their values, so it can be audited without personal data.
 *
 * @param inconsistencies the attributes whose asserted value contradicts the national number
 */
public record ConsistencyReport(Set<InconsistentAttribute> inconsistencies) {
  public ConsistencyReport {
    inconsistencies = Set.copyOf(inconsistencies);
  }

  public boolean consistent() {
    return inconsistencies.isEmpty();
  }
}
