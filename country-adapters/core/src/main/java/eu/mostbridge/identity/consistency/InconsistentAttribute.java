package eu.mostbridge.identity.consistency;

/** An asserted attribute that contradicts what the person's national number encodes. */
public enum InconsistentAttribute {
  DATE_OF_BIRTH,
  GENDER
}
