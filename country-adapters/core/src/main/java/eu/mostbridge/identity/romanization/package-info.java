/**
 * Romanization of names written in Cyrillic: the shared mechanism ({@link
 * eu.mostbridge.identity.romanization.RomanizationTable}: letters, word-final sequences, whole-word
 * exceptions, and case patterns) and the {@link eu.mostbridge.identity.romanization.Romanization}
 * contract each country's official rule set implements.
 */
package eu.mostbridge.identity.romanization;
