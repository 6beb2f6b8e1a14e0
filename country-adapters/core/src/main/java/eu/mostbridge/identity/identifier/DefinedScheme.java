package eu.mostbridge.identity.identifier;

import eu.mostbridge.identity.CountryCode;
import java.util.Objects;
import java.util.function.Function;

/**
 * A {@link NationalIdentifierScheme} made of its name, country, description and parser. A country
 * module registers a subclass with a no-argument constructor in {@code META-INF/services}.
 */
public abstract class DefinedScheme implements NationalIdentifierScheme {
  private final String name;
  private final CountryCode country;
  private final String description;
  private final Function<String, ? extends NationalIdentityNumber> parser;

  protected DefinedScheme(
      String name,
      CountryCode country,
      String description,
      Function<String, ? extends NationalIdentityNumber> parser) {
    this.name = Objects.requireNonNull(name, "name");
    this.country = Objects.requireNonNull(country, "country");
    this.description = Objects.requireNonNull(description, "description");
    this.parser = Objects.requireNonNull(parser, "parser");
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final CountryCode country() {
    return country;
  }

  @Override
  public final String description() {
    return description;
  }

  @Override
  public final NationalIdentityNumber parse(String value) {
    return parser.apply(value);
  }
}
