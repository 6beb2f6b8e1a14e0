/**
 * Identifiers of natural persons: the eIDAS person identifier, ETSI semantics identifiers from
 * certificates and eAuth, national identity numbers, and the persistent pseudonym Most releases to
 * relying parties that may not see national numbers.
 *
 * <p>Errors about an identifier say what is wrong and never repeat the identifier, so they may be
 * logged.
 */
package eu.mostbridge.identity.identifier;
