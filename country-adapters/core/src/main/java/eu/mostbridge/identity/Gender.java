package eu.mostbridge.identity;

import java.util.Locale;

/** Gender as the eIDAS natural-person profile and OpenID Connect carry it. */
public enum Gender {
  MALE,
  FEMALE,
  UNSPECIFIED;

  /** The eIDAS attribute value: {@code Male}, {@code Female}, {@code Unspecified}. */
  public String eidasValue() {
    String lower = name().toLowerCase(Locale.ROOT);
    return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
  }

  /** The OpenID Connect {@code gender} claim: {@code male}, {@code female}, {@code unspecified}. */
  public String claimValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * True when the two cannot both describe the same person: one says male and the other female.
   * {@link #UNSPECIFIED} contradicts nothing.
   */
  public boolean contradicts(Gender other) {
    return this != UNSPECIFIED && other != UNSPECIFIED && this != other;
  }
}
