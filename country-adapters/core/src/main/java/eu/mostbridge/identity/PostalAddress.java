package eu.mostbridge.identity;

/**
 * A current address as the national eIDs give it today: one formatted text (Bulgarian eAuth's
 * {@code canonicalResidenceAddress}); released as the OpenID Connect {@code address.formatted}.
 *
 * @param formatted the full address, lines separated by {@code \n}
 */
public record PostalAddress(String formatted) {
  /** Bounds what hostile input can make Most store and sign. */
  public static final int MAX_LENGTH = 1024;

  public PostalAddress {
    if (formatted == null || formatted.isBlank()) {
      throw new IllegalArgumentException("Address: the formatted address is empty");
    }
    formatted = formatted.strip();
    if (formatted.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("Address: longer than " + MAX_LENGTH + " characters");
    }
    if (formatted.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
      throw new IllegalArgumentException("Address: holds control characters");
    }
  }

  @Override
  public String toString() {
    return "PostalAddress[redacted]";
  }
}
