package eu.mostbridge.mk.identifier;

/**
 * Which registration regions an EMBG may carry.
 *
 * <p>The EMBG continues the Yugoslav JMBG: a person registered at birth in another republic before
 * 1991 and now a citizen of North Macedonia can hold a number with that republic's region code.
 * Most accepts only North Macedonia's regions by default (strict); a deployment whose national eID
 * is known to assert such numbers relaxes it explicitly.
 */
public enum RegionPolicy {
  /** Only the regions 41–49 (the default). */
  NORTH_MACEDONIA_ONLY,
  /** Any two-digit region code. */
  ANY_REGION
}
