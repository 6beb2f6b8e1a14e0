package eu.mostbridge.trust.validation;

/**
 * Under which law a valid signature is qualified, as Most states it itself: DSS labels every
 * signature under a configured list "qualified", whichever country's law made the list. Under
 * Article 14 of Regulation (EU) No 910/2014 a third country's qualified trust services are
 * recognised as qualified in the Union only through an agreement between the Union and that
 * country; the Bulgaria–North Macedonia declaration is not one.
 */
public enum LegalRegime {
  /**
   * Qualified under the EU's eIDAS Regulation: the certificate comes from a qualified service on a
   * member state's trusted list, reached through the EU list of trusted lists.
   */
  EU_QUALIFIED(
      "A qualified electronic %s under the EU eIDAS Regulation (EU) No 910/2014: the certificate"
          + " comes from a qualified trust service on %s's trusted list, in the EU list of trusted"
          + " lists."),
  /**
   * Qualified under the law of North Macedonia only: the certificate comes from a qualified service
   * on North Macedonia's own trusted list.
   */
  MK_QUALIFIED(
      "A qualified electronic %s under the law of North Macedonia: the certificate comes from a"
          + " qualified trust service on North Macedonia's trusted list. It is not a qualified"
          + " %s under EU law: under Article 14 of eIDAS, a third country's qualified signatures"
          + " count as qualified in the EU only through an agreement between the EU and that"
          + " country."),
  /** Not qualified under either regime (the reason says why). */
  NOT_QUALIFIED("Not a qualified electronic %s: %s.");

  private final String template;

  LegalRegime(String template) {
    this.template = template;
  }

  String template() {
    return template;
  }
}
