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

  /** The key listing the member states reached through the eIDAS network (docs/EIDAS.md). */
  public static final String NETWORK_COUNTRIES = "most.eidas.network.countries";

  private final Map<String, NationalEidFactory> byId = new LinkedHashMap<>();
  private final Set<CountryCode> networkCountries = new LinkedHashSet<>();

  public NationalEidRegistry() {
    this(
        ServiceLoader.load(NationalEidFactory.class).stream()
            .map(ServiceLoader.Provider::get)
            .toList());
  }

  /** The factories on the class path and the member states {@code most.eidas.network} lists. */
  @jakarta.inject.Inject
  public NationalEidRegistry(org.eclipse.microprofile.config.Config config) {
    this();
    config
        .getOptionalValues(NETWORK_COUNTRIES, String.class)
        .orElse(List.of())
        .forEach(
            code -> {
              try {
                networkCountries.add(CountryCode.ofEidas(code));
              } catch (IllegalArgumentException e) {
                throw new IllegalStateException(
                    NETWORK_COUNTRIES + " holds something that is not a country code", e);
              }
            });
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

  /**
   * The countries whose citizens this deployment of Most can identify: those of the national eIDs
   * on the class path, in the order of their ids, then the member states reached through the eIDAS
   * network as configured.
   */
  public Set<CountryCode> countries() {
    Set<CountryCode> countries = new LinkedHashSet<>();
    byId.values().forEach(f -> countries.add(f.country()));
    countries.addAll(networkCountries);
    return countries;
  }

  /** The member states reached through the eIDAS network, as configured. */
  public Set<CountryCode> networkCountries() {
    return java.util.Collections.unmodifiableSet(networkCountries);
  }

  /**
   * The scopes a relying party asks for one country with: {@code eidas:country:bg}; Greece as
   * {@code eidas:country:el}, eIDAS's code, and {@code eidas:country:gr}, ISO's.
   */
  public List<String> countryScopes() {
    List<String> scopes = new java.util.ArrayList<>();
    for (CountryCode country : countries()) {
      scopes.add("eidas:country:" + country.alpha2().toLowerCase(Locale.ROOT));
      if (!country.iso().equals(country.alpha2())) {
        scopes.add("eidas:country:" + country.iso().toLowerCase(Locale.ROOT));
      }
    }
    return scopes;
  }

  /**
   * The eID's name on the choice page in {@code language}: its factory's, the country's name for a
   * member state reached through the eIDAS network ({@code el-eidas}), else its id.
   */
  public String displayName(String id, String language) {
    Optional<NationalEidFactory> factory = factory(id);
    if (factory.isPresent()) {
      return factory.get().displayName(language);
    }
    return networkCountries.stream()
        .filter(c -> id.equals(eu.mostbridge.eidas.network.EidasCountryAdapter.idFor(c)))
        .findFirst()
        .map(c -> countryName(c, language))
        .orElse(id);
  }

  /**
   * A country's name in {@code language}, as the JDK's Unicode CLDR data writes it (Bulgarian,
   * Macedonian and English alike): no country needs its name translated by hand.
   */
  public static String countryName(CountryCode country, String language) {
    return new Locale.Builder()
        .setRegion(country.iso())
        .build()
        .getDisplayCountry(Locale.forLanguageTag(language));
  }
}
