package eu.mostbridge.broker.token;

/**
 * An {@code error_description} that is always legal: RFC 6749 section 5.2 allows only printable
 * ASCII without {@code "} and {@code \}, and the Nimbus SDK throws on anything else. Descriptions
 * quote what a client sent (a parameter name, a scope), so every one passes through here; the
 * fuzzer found the 500 this prevents.
 */
public final class ErrorDescription {
  private static final int MAX_LENGTH = 300;

  private ErrorDescription() {}

  public static String of(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder safe = new StringBuilder(Math.min(text.length(), MAX_LENGTH));
    for (int i = 0; i < text.length() && safe.length() < MAX_LENGTH; i++) {
      char c = text.charAt(i);
      boolean legal = c >= 0x20 && c <= 0x7E && c != '"' && c != '\\';
      safe.append(legal ? c : c == '"' ? '\'' : '?');
    }
    return safe.toString();
  }
}
