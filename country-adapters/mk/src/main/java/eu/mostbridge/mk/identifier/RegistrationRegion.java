package eu.mostbridge.mk.identifier;

import java.util.Optional;

/** The registration regions 41–49 of North Macedonia in the EMBG's {@code RR} digits. */
public enum RegistrationRegion {
  BITOLA(41),
  KUMANOVO(42),
  OHRID(43),
  PRILEP(44),
  SKOPJE(45),
  STRUMICA(46),
  TETOVO(47),
  VELES(48),
  SHTIP(49);

  private final int code;

  RegistrationRegion(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /**
   * The North Macedonian region with this code; empty for codes of other former-Yugoslav states.
   */
  public static Optional<RegistrationRegion> of(int code) {
    for (RegistrationRegion region : values()) {
      if (region.code == code) {
        return Optional.of(region);
      }
    }
    return Optional.empty();
  }

  /** The region's name in Latin script, by the official romanization. */
  public String displayName() {
    return this == SHTIP
        ? "Shtip"
        : name().charAt(0) + name().substring(1).toLowerCase(java.util.Locale.ROOT);
  }
}
