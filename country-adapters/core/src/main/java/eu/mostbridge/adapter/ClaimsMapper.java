package eu.mostbridge.adapter;

import eu.mostbridge.identity.CommonIdentity;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.LevelOfAssurance;

/** A national provider's claim profile: how its validated claims become the common identity. */
@FunctionalInterface
public interface ClaimsMapper {
  /**
   * The common identity the claims describe.
   *
   * @param claims the validated claims
   * @param destination the relying party's country
   * @param achieved the level of assurance the provider asserted, already checked
   * @throws AuthenticationFailure with {@code INVALID_IDENTITY} when the claims do not make a valid
   *     identity (missing, malformed, failing checksums, inconsistent)
   */
  CommonIdentity map(NationalClaims claims, CountryCode destination, LevelOfAssurance achieved)
      throws AuthenticationFailure;
}
