package eu.mostbridge.keycloak.broker;

import eu.mostbridge.keycloak.EidasLevel;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.keycloak.broker.oidc.OIDCIdentityProviderConfig;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.RealmModel;

/**
 * The OpenID Connect settings of Most (read from its discovery document) plus the countries whose
 * citizens the realm accepts and the minimum level of assurance.
 */
public class MostIdentityProviderConfig extends OIDCIdentityProviderConfig {
  private static final long serialVersionUID = 1L;
  static final String COUNTRIES = "mostCountries";
  private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());
  static final String MINIMUM_LEVEL = "mostMinimumLevel";

  public MostIdentityProviderConfig(IdentityProviderModel model) {
    super(model);
  }

  public MostIdentityProviderConfig() {
    super();
  }

  /**
   * ISO 3166 codes of the countries whose citizens the realm takes (Most's discovery lists them as
   * {@code eidas:country:<code>} scopes); empty means every country Most's registration of this
   * realm allows. Anything that is no country code is dropped: Most then never sees it.
   */
  public Set<String> getCountries() {
    String value = getConfig().getOrDefault(COUNTRIES, "");
    Set<String> countries = new LinkedHashSet<>();
    Arrays.stream(value.split("[,\\s#]+"))
        .map(c -> c.trim().toUpperCase(Locale.ROOT))
        .filter(MostIdentityProviderConfig::isCountryCode)
        .forEach(countries::add);
    return countries;
  }

  private static boolean isCountryCode(String code) {
    return ISO_COUNTRIES.contains(code) || "EL".equals(code); // EL: Greece, as eIDAS writes it
  }

  public void setCountries(String countries) {
    getConfig().put(COUNTRIES, countries);
  }

  /**
   * The weakest level the realm accepts; substantial when not set.
   *
   * @throws IllegalStateException when the setting names no level (a misspelling must not ask Most
   *     for less than the administrator meant)
   */
  public EidasLevel getMinimumLevel() {
    return EidasLevel.configured(getConfig().get(MINIMUM_LEVEL), getAlias());
  }

  /** Refuses, when an administrator saves the provider, a minimum level that names no level. */
  @Override
  public void validate(RealmModel realm) {
    super.validate(realm);
    try {
      var unused = getMinimumLevel();
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  public void setMinimumLevel(EidasLevel level) {
    getConfig().put(MINIMUM_LEVEL, level.name().toLowerCase(Locale.ROOT));
  }
}
