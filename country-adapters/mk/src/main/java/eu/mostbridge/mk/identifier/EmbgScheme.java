package eu.mostbridge.mk.identifier;

import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.identifier.DefinedScheme;

/** Makes {@link Embg} available through {@link java.util.ServiceLoader}. */
public final class EmbgScheme extends DefinedScheme {
  public EmbgScheme() {
    super(
        "embg",
        CountryCode.MK,
        "unique master citizen number (ЕМБГ) of North Macedonia, regions 41-49",
        Embg::parse);
  }
}
