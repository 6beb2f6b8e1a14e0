package eu.mostbridge.broker.client;

/** What a relying party may see as the person identifier's value. */
public enum IdentifierPolicy {
  /** The national number (EGN, EMBG): only for relying parties with a legal basis to process it. */
  NATIONAL_NUMBER,
  /** The persistent pseudonym (default). */
  PSEUDONYM
}
