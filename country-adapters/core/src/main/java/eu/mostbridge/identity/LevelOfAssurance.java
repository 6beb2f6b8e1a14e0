package eu.mostbridge.identity;

import java.util.Arrays;
import java.util.Optional;

/**
 * An eIDAS level of assurance (Regulation 910/2014, art. 8). The declaration order is the order of
 * strength, so {@link #compareTo} ranks them: low &lt; substantial &lt; high.
 */
public enum LevelOfAssurance {
  LOW,
  SUBSTANTIAL,
  HIGH;

  private static final String EIDAS_PREFIX = "http://eidas.europa.eu/LoA/";

  /** The eIDAS URI, for example {@code http://eidas.europa.eu/LoA/substantial}. */
  public String uri() {
    return LevelOfAssuranceNotation.EIDAS_URI.write(this);
  }

  /**
   * The eIDAS {@code minimum} comparison: true when this achieved level is the required one or
   * stronger.
   */
  public boolean satisfies(LevelOfAssurance minimum) {
    return compareTo(minimum) >= 0;
  }

  /** Parses an eIDAS URI only; national notations are refused. */
  public static LevelOfAssurance fromUri(String uri) {
    return LevelOfAssuranceNotation.EIDAS_URI
        .read(uri)
        .orElseThrow(() -> unknown(uri, "an eIDAS level of assurance URI (" + EIDAS_PREFIX + "…)"));
  }

  /**
   * Parses any notation Most knows: the eIDAS URIs, Bulgarian eAuth's {@code LOW} (never the URN
   * its XSD lists: eAuth itself cannot read it), and the MVR eID's {@code eid_low}. The match is
   * exact (case and all), as the national systems compare them.
   */
  public static LevelOfAssurance parse(String value) {
    return find(value)
        .orElseThrow(
            () ->
                unknown(
                    value,
                    "one of the notations "
                        + Arrays.toString(LevelOfAssuranceNotation.values())
                        + " for low, substantial or high"));
  }

  /** As {@link #parse} but empty for an unknown value. */
  public static Optional<LevelOfAssurance> find(String value) {
    for (LevelOfAssuranceNotation notation : LevelOfAssuranceNotation.values()) {
      Optional<LevelOfAssurance> level = notation.read(value);
      if (level.isPresent()) {
        return level;
      }
    }
    return Optional.empty();
  }

  private static IllegalArgumentException unknown(String value, String expected) {
    return new IllegalArgumentException(
        "Unknown level of assurance " + ErrorText.quote(value) + ": expected " + expected);
  }
}
