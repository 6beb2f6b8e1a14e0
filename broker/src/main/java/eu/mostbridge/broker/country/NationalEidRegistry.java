package eu.mostbridge.broker.country;

import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.national.NationalEidFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The national eIDs this build of Most knows: every {@link NationalEidFactory} on the class path.
 * The countries Most serves (the {@code eidas:country:*} scopes, discovery, the clients file, the
 * Keycloak extension's choices) and the names on the choice page come from here, so a new country
 * is a module with its factory and nothing in the broker changes.
 */
@ApplicationScoped
public class NationalEidRegistry {
  private static final Pattern ID = Pattern.compile("[a-z]{2}-[a-z0-9]+(-[a-z0-9]+)*");

  private final Map<String, NationalEidFactory> byId = new LinkedHashMap<>();

  public NationalEidRegistry() {
    this(
        ServiceLoader.load(NationalEidFactory.class).stream()
            .map(ServiceLoader.Provider::get)
            .toList());
  }

  public NationalEidRegistry(List<NationalEidFactory> factories) {
    factories.stream()
        .sorted(java.util.Comparator.comparing(NationalEidFactory::id))
        .forEach(this::register);
  }

  private void register(NationalEidFactory factory) {
    String id = factory.id();
    if (id == null
        || !ID.matcher(id).matches()
        || !id.startsWith(factory.country().alpha2().toLowerCase(Locale.ROOT) + "-")) {
      throw new IllegalStateException(
          factory.getClass().getName()
              + ": a national eID's id is lower case, starts with its country code and a '-'"
              + " (bg-eauth), not "
              + id);
    }
    if (!factory.displayNames().containsKey("en")) {
      throw new IllegalStateException(
          factory.getClass().getName() + ": the national eID " + id + " has no English name");
    }
    String envForm = id.toUpperCase(Locale.ROOT).replace('-', '_') + "_";
    for (String known : byId.keySet()) {
      String knownForm = known.toUpperCase(Locale.ROOT).replace('-', '_') + "_";
      if (!known.equals(id) && (envForm.startsWith(knownForm) || knownForm.startsWith(envForm))) {
        throw new IllegalStateException(
            "The national eIDs "
                + known
                + " and "
                + id
                + " cannot be told apart in environment variables (MOST_NATIONAL_"
                + knownForm
                + "…): choose an id that does not extend another");
      }
    }
    NationalEidFactory other = byId.putIfAbsent(id, factory);
    if (other != null) {
      throw new IllegalStateException(
          "Two national eIDs are called "
              + id
              + ": "
              + other.getClass().getName()
              + " and "
              + factory.getClass().getName());
    }
  }

  public List<NationalEidFactory> factories() {
    return List.copyOf(byId.values());
  }

  public Optional<NationalEidFactory> factory(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** The countries whose citizens this build of Most can identify, in the order of their ids. */
  public Set<CountryCode> countries() {
    Set<CountryCode> countries = new LinkedHashSet<>();
    byId.values().forEach(f -> countries.add(f.country()));
    return countries;
  }

  /** The scopes a relying party asks for one country with: {@code eidas:country:bg}. */
  public List<String> countryScopes() {
    return countries().stream()
        .map(c -> "eidas:country:" + c.alpha2().toLowerCase(Locale.ROOT))
        .toList();
  }

  /** The eID's name on the choice page in {@code language}; its id when no factory knows it. */
  public String displayName(String id, String language) {
    return factory(id).map(f -> f.displayName(language)).orElse(id);
  }

  /**
   * A country's name in {@code language}, as the JDK's Unicode CLDR data writes it (Bulgarian,
   * Macedonian and English alike): no country needs its name translated by hand.
   */
  public static String countryName(CountryCode country, String language) {
    return new Locale.Builder()
        .setRegion(country.alpha2())
        .build()
        .getDisplayCountry(Locale.forLanguageTag(language));
  }
}
