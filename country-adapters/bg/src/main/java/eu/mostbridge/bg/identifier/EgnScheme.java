package eu.mostbridge.bg.identifier;

import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.identifier.DefinedScheme;

/** Makes {@link Egn} available through {@link java.util.ServiceLoader}. */
public final class EgnScheme extends DefinedScheme {
  public EgnScheme() {
    super("egn", CountryCode.BG, "unified civil number (ЕГН) of Bulgarian citizens", Egn::parse);
  }
}
