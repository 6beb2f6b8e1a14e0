package eu.mostbridge.bg.identifier;

import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.identifier.NationalIdentifierScheme;
import eu.mostbridge.identity.identifier.NationalIdentityNumber;

/** Makes {@link Egn} available through {@link java.util.ServiceLoader}. */
public final class EgnScheme implements NationalIdentifierScheme {
  @Override
  public String name() {
    return "egn";
  }

  @Override
  public CountryCode country() {
    return CountryCode.BG;
  }

  @Override
  public String description() {
    return "unified civil number (ЕГН) of Bulgarian citizens";
  }

  @Override
  public NationalIdentityNumber parse(String value) {
    return Egn.parse(value);
  }
}
