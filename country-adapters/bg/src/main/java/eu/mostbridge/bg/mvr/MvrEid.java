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
}
