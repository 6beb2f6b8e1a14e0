package eu.mostbridge.bg.mvr;

import eu.mostbridge.identity.LevelOfAssurance;
import eu.mostbridge.identity.LevelOfAssuranceNotation;
import java.util.EnumMap;
import java.util.Map;

/** The MVR eID's fixed protocol facts. */
public final class MvrEid {
  private MvrEid() {}

  /**
   * The MVR eID's {@code acr} values: {@code eid_low}, {@code eid_substantial}, {@code eid_high}.
   */
  public static Map<LevelOfAssurance, String> acrValues() {
    Map<LevelOfAssurance, String> values = new EnumMap<>(LevelOfAssurance.class);
    for (LevelOfAssurance level : LevelOfAssurance.values()) {
      values.put(level, LevelOfAssuranceNotation.MVR_ACR.write(level));
    }
    return values;
  }

  /**
   * The level scopes of the MVR eID's own login flow (its public code: {@code eid_loa_low} for a
   * password, {@code eid_loa_high} for the card and the mobile app), for the access-token shape.
   * Only {@code eid_loa_high} by default: the code marks {@code citizen_identifier} a high-level
   * claim, and without it there is no identity to carry across the border.
   */
  public static Map<LevelOfAssurance, String> levelScopes() {
    Map<LevelOfAssurance, String> scopes = new EnumMap<>(LevelOfAssurance.class);
    scopes.put(LevelOfAssurance.HIGH, "eid_loa_high");
    return scopes;
  }
}
