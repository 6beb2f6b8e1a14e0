package eu.mostbridge.keycloak.national;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.mostbridge.config.ConfigSection;
import eu.mostbridge.config.InvalidConfigurationException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelConfigSectionTest {
  private final ConfigSection section =
      ModelConfigSection.of(
          "mk-eid",
          Map.of(
              "binding", "SAML",
              "saml.idp-sso-url", " https://eid.example/sso ",
              "saml.relaxations", "SHA1_SIGNATURE##AES_CBC_ENCRYPTION",
              "service-oids.low", "1.2.3",
              "service-oids.high", "1.2.5",
              "service-oids.substantial", " ",
              "scopes", "openid, profile"));

  @Test
  void childSectionsAreKeysWithTheirPrefix() {
    ConfigSection saml = section.section("saml");
    assertThat(saml.isPresent()).isTrue();
    assertThat(saml.string("idp-sso-url")).hasValue("https://eid.example/sso");
    assertThat(section.section("oidc").isPresent()).isFalse();
    assertThat(saml.list("relaxations")).hasValue(List.of("SHA1_SIGNATURE", "AES_CBC_ENCRYPTION"));
  }

  @Test
  void listsAndMapsReadAsTheBrokersConfigurationDoes() {
    assertThat(section.list("scopes")).hasValue(List.of("openid", "profile"));
    assertThat(section.map("service-oids")).isEqualTo(Map.of("low", "1.2.3", "high", "1.2.5"));
    assertThat(section.string("service-oids.substantial")).isEmpty();
  }

  @Test
  void problemsNameTheProviderAndTheSettingNeverTheValue() {
    assertThatThrownBy(() -> section.section("saml").required("sp-keystore"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage("identity provider mk-eid: saml.sp-keystore is required");
    assertThatThrownBy(() -> section.enumValue("binding", java.time.DayOfWeek.class))
        .hasMessageContaining("binding")
        .hasMessageNotContaining("SAML");
  }
}
