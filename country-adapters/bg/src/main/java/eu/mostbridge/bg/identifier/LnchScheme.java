package eu.mostbridge.bg.identifier;

import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.identifier.NationalIdentifierScheme;
import eu.mostbridge.identity.identifier.NationalIdentityNumber;

/** Makes {@link Lnch} available through {@link java.util.ServiceLoader}. */
public final class LnchScheme implements NationalIdentifierScheme {
  @Override
  public String name() {
    return "lnch";
  }

  @Override
  public CountryCode country() {
    return CountryCode.BG;
  }

  @Override
  public String description() {
    return "personal number (ЛНЧ) of foreigners resident in Bulgaria";
  }

  @Override
  public NationalIdentityNumber parse(String value) {
    return Lnch.parse(value);
  }
}
