package eu.mostbridge.mk.identifier;

import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.identifier.NationalIdentifierScheme;
import eu.mostbridge.identity.identifier.NationalIdentityNumber;

/** Makes {@link Embg} (strict region policy) available through {@link java.util.ServiceLoader}. */
public final class EmbgScheme implements NationalIdentifierScheme {
  @Override
  public String name() {
    return "embg";
  }

  @Override
  public CountryCode country() {
    return CountryCode.MK;
  }

  @Override
  public String description() {
    return "unique master citizen number (ЕМБГ) of North Macedonia";
  }

  @Override
  public NationalIdentityNumber parse(String value) {
    return Embg.parse(value);
  }
}
