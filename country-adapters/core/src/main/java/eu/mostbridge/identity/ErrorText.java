package eu.mostbridge.identity;

/**
 * Puts a piece of untrusted input into an error message safely: bounded in length, control
 * characters replaced, so that a hostile value cannot forge log lines or flood them.
 *
 * <p>Only for values that are not personal data (levels of assurance, country codes, protocol
 * values). Errors about identifiers and names describe the problem and never repeat the value.
 */
public final class ErrorText {
  private static final int MAX_QUOTED = 64;

  private ErrorText() {}

  /** The value in double quotes, cut at 64 characters; {@code (none)} for null. */
  public static String quote(String value) {
    if (value == null) {
      return "(none)";
    }
    StringBuilder quoted = new StringBuilder("\"");
    int shown = 0;
    for (int i = 0; i < value.length() && shown < MAX_QUOTED; i++, shown++) {
      char c = value.charAt(i);
      quoted.append(Character.isISOControl(c) ? '?' : c);
    }
    if (value.length() > MAX_QUOTED) {
      quoted.append("…(").append(value.length()).append(" chars)");
    }
    return quoted.append('"').toString();
  }
}
