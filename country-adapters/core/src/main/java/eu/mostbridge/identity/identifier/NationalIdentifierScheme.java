package eu.mostbridge.identity.identifier;

import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.InvalidIdentifierException;

/**
 * A kind of national identity number, found through {@link java.util.ServiceLoader} so that tools
 * and adapters can validate any country's numbers without depending on that country's module.
 */
public interface NationalIdentifierScheme {
  /** Short lower-case name used on command lines and in configuration, for example {@code egn}. */
  String name();

  /** The issuing country. */
  CountryCode country();

  /** One line on who holds such numbers. */
  String description();

  /**
   * Parses and validates a number.
   *
   * @throws InvalidIdentifierException naming what is wrong
   */
  NationalIdentityNumber parse(String value);
}
