package eu.mostbridge.identity.romanization;

import eu.mostbridge.identity.ScriptTag;

/**
 * A country's official rule set for writing its names in Latin script. Found through {@link
 * java.util.ServiceLoader}, so tools can list the rule sets of whichever countries are present.
 */
public interface Romanization {
  /** The script and language this rule set reads, for example {@code bg-Cyrl}. */
  ScriptTag source();

  /** The rule set's official title, for example "Bulgarian Transliteration Act (2009)". */
  String title();

  /**
   * Writes {@code text} in Latin script. Characters other than letters (spaces, hyphens,
   * apostrophes, digits) and Latin letters pass through unchanged.
   *
   * @throws UnromanizableTextException when a letter is neither Latin nor in this rule set
   */
  String romanize(String text);
}
