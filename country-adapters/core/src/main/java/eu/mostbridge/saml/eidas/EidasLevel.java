package eu.mostbridge.saml.eidas;

import eu.mostbridge.identity.LevelOfAssurance;
import java.util.Optional;

/**
 * A level of assurance as an eIDAS message names it: the level, and whether the eID scheme that
 * reached it is notified under the eIDAS Regulation. The two families never mix: a notified scheme
 * answers {@code http://eidas.europa.eu/LoA/<level>}, one that is not (North Macedonia's eid.mk,
 * outside the EU, always) {@code http://eidas.europa.eu/NotNotified/LoA/<level>}.
 *
 * <p>Kept apart from {@link eu.mostbridge.identity.LevelOfAssuranceNotation} on purpose: that one
 * reads relying parties' {@code acr_values} and national answers, where a NotNotified URI has no
 * business.
 *
 * @param level low, substantial or high
 * @param notified whether the scheme is notified
 */
public record EidasLevel(LevelOfAssurance level, boolean notified) {
  private static final String NOTIFIED_PREFIX = "http://eidas.europa.eu/LoA/";
  private static final String NOT_NOTIFIED_PREFIX = "http://eidas.europa.eu/NotNotified/LoA/";

  public EidasLevel {
    java.util.Objects.requireNonNull(level, "level");
  }

  /** The URI, for example {@code http://eidas.europa.eu/NotNotified/LoA/substantial}. */
  public String uri() {
    return (notified ? NOTIFIED_PREFIX : NOT_NOTIFIED_PREFIX)
        + level.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The level a URI of either family names; empty for anything else (the match is exact). */
  public static Optional<EidasLevel> parse(String uri) {
    if (uri == null) {
      return Optional.empty();
    }
    for (LevelOfAssurance level : LevelOfAssurance.values()) {
      for (boolean notified : new boolean[] {true, false}) {
        EidasLevel candidate = new EidasLevel(level, notified);
        if (candidate.uri().equals(uri)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return uri();
  }
}
