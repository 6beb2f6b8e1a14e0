package eu.mostbridge.keycloak;

import java.util.Locale;
import java.util.Optional;

/** The eIDAS levels of assurance, in order, as Most's {@code acr} carries them. */
public enum EidasLevel {
  LOW,
  SUBSTANTIAL,
  HIGH;

  private static final String PREFIX = "http://eidas.europa.eu/LoA/";

  /** The {@code acr} value, for example {@code http://eidas.europa.eu/LoA/substantial}. */
  public String uri() {
    return PREFIX + name().toLowerCase(Locale.ROOT);
  }

  public boolean satisfies(EidasLevel minimum) {
    return compareTo(minimum) >= 0;
  }

  /** The level of an {@code acr} value; empty for anything else. */
  public static Optional<EidasLevel> fromUri(Object acr) {
    if (!(acr instanceof String text) || !text.startsWith(PREFIX)) {
      return Optional.empty();
    }
    return fromName(text.substring(PREFIX.length()));
  }

  /** The level named {@code low}, {@code substantial} or {@code high} (any case). */
  public static Optional<EidasLevel> fromName(String name) {
    for (EidasLevel level : values()) {
      if (level.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
        return Optional.of(level);
      }
    }
    return Optional.empty();
  }

  /**
   * A provider's configured minimum: substantial when not set.
   *
   * @throws IllegalStateException when the setting names no level (a misspelling must not ask for
   *     less than the administrator meant)
   */
  public static EidasLevel configured(String value, String alias) {
    if (value == null || value.isBlank()) {
      return SUBSTANTIAL;
    }
    return fromName(value)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "Identity provider "
                        + alias
                        + ": the minimum level of assurance must be low, substantial or high"));
  }
}
