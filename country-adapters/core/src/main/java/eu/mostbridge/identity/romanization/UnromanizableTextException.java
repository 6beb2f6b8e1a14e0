package eu.mostbridge.identity.romanization;

/**
 * Text holding a letter that a rule set does not cover (a Russian {@code ы} in a Bulgarian name, a
 * Greek letter). The message names the rule set and the letter's code point, not the text.
 */
public final class UnromanizableTextException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final int codePoint;

  public UnromanizableTextException(String ruleSet, int codePoint) {
    super(
        ruleSet
            + ": the letter "
            + new String(Character.toChars(codePoint))
            + " (U+"
            + String.format("%04X", codePoint)
            + ") is not in its table");
    this.codePoint = codePoint;
  }

  /** The letter that could not be romanized. */
  public int codePoint() {
    return codePoint;
  }
}
