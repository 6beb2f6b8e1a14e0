package eu.mostbridge.national;

import eu.mostbridge.identity.CountryCode;
import java.util.Map;

/**
 * One national eID Most can offer, found through {@link java.util.ServiceLoader} (a {@code
 * META-INF/services/eu.mostbridge.national.NationalEidFactory} line in its module). It declares
 * what the broker shows and routes by, and builds the adapter from its own section {@code
 * most.national.<id>.*}; a deployment offers it when that section is configured.
 *
 * <p>Implementations have a public no-argument constructor and keep no state.
 */
public interface NationalEidFactory {
  /**
   * The eID's id: its configuration section, callback path ({@code /callback/<id>}) and audit name.
   * Lower case letters, digits and {@code -}, starting with the country code: {@code bg-eauth}.
   */
  String id();

  /** The country whose citizens it identifies. */
  CountryCode country();

  /**
   * Its name on the choice page by language ({@code bg}, {@code mk}, {@code en}); {@code en} is
   * required and shown for any language missing.
   */
  Map<String, String> displayNames();

  /**
   * Builds the eID from its section.
   *
   * @throws eu.mostbridge.config.InvalidConfigurationException when the section cannot be used,
   *     naming the key
   */
  NationalEid create(NationalEidContext context);

  /** The display name in {@code language}, or in English. */
  default String displayName(String language) {
    Map<String, String> names = displayNames();
    return names.getOrDefault(language, names.getOrDefault("en", id()));
  }
}
