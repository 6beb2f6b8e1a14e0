package eu.mostbridge.broker.country;

import eu.mostbridge.config.ConfigSection;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.national.NationalEid;
import eu.mostbridge.national.NationalEidContext;
import eu.mostbridge.national.NationalEidFactory;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * A third country's national eID, registered from test code only (this module's test {@code
 * META-INF/services}): what docs/DEVELOPMENT.md "Adding a country" asks of a new country, and
 * nothing else. Offered when {@code most.national.me-test-eid.*} is configured ({@link
 * ThirdCountryTest}).
 */
public final class SyntheticCountryFactory implements NationalEidFactory {
  static final String ID = "me-test-eid";
  static final CountryCode COUNTRY = CountryCode.of("ME");

  @Override
  public String id() {
    return ID;
  }

  @Override
  public CountryCode country() {
    return COUNTRY;
  }

  @Override
  public Map<String, String> displayNames() {
    return Map.of(
        "bg", "Синтетична еИД (само за тестове)",
        "mk", "Синтетичка еИД (само за тестови)",
        "en", "Synthetic eID (tests only)");
  }

  @Override
  public NationalEid create(NationalEidContext context) {
    ConfigSection section = context.section();
    return new NationalEid(
        new SyntheticCountryAdapter(
            ID,
            COUNTRY,
            section.requiredUri("login-url"),
            section.required("secret").getBytes(StandardCharsets.UTF_8),
            context.callback(),
            context.clock()),
        NationalEid.Protocol.OTHER,
        Optional.empty());
  }
}
