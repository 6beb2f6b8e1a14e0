package eu.mostbridge.identity;

import java.util.Locale;
import java.util.Optional;

/**
 * The ways the systems Most talks to write a level of assurance. An adapter reads the national form
 * and writes the one its peer expects; everything inside Most is a {@link LevelOfAssurance}.
 */
public enum LevelOfAssuranceNotation {
  /** eIDAS: {@code http://eidas.europa.eu/LoA/low|substantial|high}. */
  EIDAS_URI("http://eidas.europa.eu/LoA/", false),
  /**
   * Bulgarian eAuth v2 as its IdP really parses it ({@code LevelOfAssurance.valueOf(text)}): {@code
   * LOW}, {@code SUBSTANTIAL}, {@code HIGH}.
   */
  EAUTH_NAME("", true),
  /** Bulgarian Ministry of Interior eID (OIDC {@code acr}): {@code eid_low}. */
  MVR_ACR("eid_", false);

  private final String prefix;
  private final boolean upperCase;

  LevelOfAssuranceNotation(String prefix, boolean upperCase) {
    this.prefix = prefix;
    this.upperCase = upperCase;
  }

  /** This notation's spelling of the level. */
  public String write(LevelOfAssurance level) {
    String name = level.name();
    return prefix + (upperCase ? name : name.toLowerCase(Locale.ROOT));
  }

  /** The level this exact spelling denotes, if it is one of this notation's. */
  public Optional<LevelOfAssurance> read(String value) {
    if (value == null) {
      return Optional.empty();
    }
    for (LevelOfAssurance level : LevelOfAssurance.values()) {
      if (write(level).equals(value)) {
        return Optional.of(level);
      }
    }
    return Optional.empty();
  }
}
