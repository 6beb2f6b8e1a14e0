package eu.mostbridge.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.mostbridge.keycloak.broker.MostIdentityProviderConfig;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.keycloak.models.IdentityProviderModel;

class CommonAttributeTest {
  /** Claims as Most sends them for a synthetic Macedonian citizen (EMBG made up, valid). */
  private static final Map<String, Object> CLAIMS =
      Map.of(
          "person_identifier", "MK/BG/1205990451235",
          "given_name", "Gjorgji",
          "family_name", "Dzhambazovski",
          "given_name#mk-Cyrl", "Ѓорѓи",
          "family_name#mk-Cyrl", "Џамбазовски",
          "birthdate", "1990-05-12",
          "gender", "male",
          "acr", "http://eidas.europa.eu/LoA/high");

  @Test
  void readsEveryAttributeOfTheCommonSet() {
    assertThat(CommonAttribute.PERSON_IDENTIFIER.from(CLAIMS)).contains("MK/BG/1205990451235");
    assertThat(CommonAttribute.ORIGIN_COUNTRY.from(CLAIMS)).contains("MK");
    assertThat(CommonAttribute.GIVEN_NAME_NATIVE.from(CLAIMS)).contains("Ѓорѓи");
    assertThat(CommonAttribute.FAMILY_NAME_NATIVE.from(CLAIMS)).contains("Џамбазовски");
    assertThat(CommonAttribute.GIVEN_NAME.from(CLAIMS)).contains("Gjorgji");
    assertThat(CommonAttribute.BIRTHDATE.from(CLAIMS)).contains("1990-05-12");
    assertThat(CommonAttribute.LEVEL_OF_ASSURANCE.from(CLAIMS))
        .contains("http://eidas.europa.eu/LoA/high");
    assertThat(CommonAttribute.GENDER.from(Map.of())).isEmpty();
    assertThat(CommonAttribute.ORIGIN_COUNTRY.from(Map.of("person_identifier", "garbage")))
        .isEmpty();
  }

  @Test
  void levelsAreOrderedAndOnlyEidasUrisCount() {
    assertThat(EidasLevel.fromUri("http://eidas.europa.eu/LoA/substantial"))
        .contains(EidasLevel.SUBSTANTIAL);
    assertThat(EidasLevel.fromUri("urn:other:high")).isEmpty();
    assertThat(EidasLevel.fromUri(null)).isEmpty();
    assertThat(EidasLevel.HIGH.satisfies(EidasLevel.SUBSTANTIAL)).isTrue();
    assertThat(EidasLevel.LOW.satisfies(EidasLevel.SUBSTANTIAL)).isFalse();
  }

  @Test
  void theProviderConfigReadsCountriesAndLevelStrictly() {
    MostIdentityProviderConfig config = new MostIdentityProviderConfig(new IdentityProviderModel());
    assertThat(config.getCountries()).isEmpty();
    assertThat(config.getMinimumLevel()).as("unset: substantial").isEqualTo(EidasLevel.SUBSTANTIAL);

    config.setCountries("BG##mk##XX, me");
    config.setMinimumLevel(EidasLevel.HIGH);

    assertThat(config.getCountries()).isEqualTo(Set.of("BG", "MK", "ME"));
    assertThat(config.getMinimumLevel()).isEqualTo(EidasLevel.HIGH);
  }

  @Test
  void aMisspeltMinimumLevelIsRefusedNotReadAsLow() {
    MostIdentityProviderConfig config = new MostIdentityProviderConfig(new IdentityProviderModel());
    config.getConfig().put("mostMinimumLevel", "substantal");

    assertThatThrownBy(config::getMinimumLevel)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("low, substantial or high");
  }
}
