package eu.mostbridge.bg.identifier;

import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.identifier.DefinedScheme;

/** Makes {@link Lnch} available through {@link java.util.ServiceLoader}. */
public final class LnchScheme extends DefinedScheme {
  public LnchScheme() {
    super(
        "lnch",
        CountryCode.BG,
        "personal number (ЛНЧ) of foreigners resident in Bulgaria",
        Lnch::parse);
  }
}
