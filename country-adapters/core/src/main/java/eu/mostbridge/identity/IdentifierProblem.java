package eu.mostbridge.identity;

/** What is wrong with an identifier, so callers and tests can tell failures apart by type. */
public enum IdentifierProblem {
  /** Null or empty. */
  MISSING,
  /** Not the length the scheme defines. */
  LENGTH,
  /** A character other than the ASCII digits 0–9 where only those may stand. */
  NOT_DIGITS,
  /** Not in the scheme's syntax (separators, prefixes, white space). */
  SYNTAX,
  /** A country code that is not a valid or not the expected one. */
  COUNTRY,
  /** The encoded date of birth does not exist in the calendar. */
  DATE,
  /** The check digit does not match the others. */
  CHECKSUM,
  /** A registration region outside the ones the scheme accepts. */
  REGION
}
