package eu.mostbridge.keycloak.national;

import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.keycloak.EidasLevel;
import java.util.Locale;
import java.util.Set;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.RealmModel;

/**
 * A national eID provider's settings: the keys its factory in Most reads (endpoints, keys,
 * relaxations, under the same names as the broker's {@code most.national.<id>.*}), plus the level
 * the realm requires and the country the realm serves.
 */
public class NationalEidProviderConfig extends IdentityProviderModel {
  private static final long serialVersionUID = 1L;

  /**
   * The weakest eIDAS level accepted: {@code low}, {@code substantial} (default) or {@code high}.
   */
  static final String MINIMUM_LEVEL = "minimum-level";

  /** The country of the services this realm serves: the person identifier's destination. */
  static final String DESTINATION = "destination-country";

  private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());

  private final transient NationalEidProviderFactory factory;

  NationalEidProviderConfig(NationalEidProviderFactory factory, IdentityProviderModel model) {
    super(model);
    this.factory = factory;
  }

  NationalEidProviderConfig(NationalEidProviderFactory factory) {
    super();
    this.factory = factory;
  }

  /**
   * The weakest level accepted; substantial when not set.
   *
   * @throws IllegalStateException when the setting names no level (a misspelling must not ask the
   *     national eID for less than the administrator meant)
   */
  public EidasLevel getMinimumLevel() {
    return EidasLevel.configured(getConfig().get(MINIMUM_LEVEL), getAlias());
  }

  /**
   * The country the person identifier is made for ({@code BG/MK/...} for a Macedonian service): the
   * setting, or else the provider type's default (the country across the border from the eID's).
   */
  public CountryCode getDestination() {
    String configured = getConfig().get(DESTINATION);
    if (configured == null || configured.isBlank()) {
      return factory.defaultDestination(this);
    }
    String code = configured.trim().toUpperCase(Locale.ROOT);
    if (!ISO_COUNTRIES.contains(code) && !"EL".equals(code)) {
      throw new IllegalStateException(
          "Identity provider " + getAlias() + ": the destination country must be an ISO 3166 code");
    }
    return CountryCode.ofEidas(code);
  }

  /**
   * Refuses, when an administrator saves the provider, settings the national eID's factory cannot
   * build an adapter from (a missing endpoint, an unreadable keystore), naming the setting.
   */
  @Override
  public void validate(RealmModel realm) {
    super.validate(realm);
    try {
      getMinimumLevel();
      getDestination();
      if (factory != null) {
        factory.check(this, realm);
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }
}
