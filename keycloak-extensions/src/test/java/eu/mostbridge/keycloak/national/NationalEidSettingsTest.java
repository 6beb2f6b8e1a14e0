package eu.mostbridge.keycloak.national;

import static org.assertj.core.api.Assertions.assertThat;

import eu.mostbridge.keycloak.MostRealm;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.broker.provider.IdentityProviderFactory;
import org.keycloak.provider.ProviderConfigProperty;

class NationalEidSettingsTest {
  private static final List<NationalEidProviderFactory> FACTORIES =
      List.of(
          new EAuthProviderFactory(),
          new MvrEidProviderFactory(),
          new EidMkProviderFactory(),
          new EidasNetworkProviderFactory());

  @Test
  void theRealmKnowsEveryNationalEidTypeTheServiceFileOffers() throws Exception {
    Set<String> offered = new java.util.HashSet<>();
    // Keycloak's own jars declare factories of the same service: only this module's are read.
    try (InputStream in =
        NationalEidProviderFactory.class.getResourceAsStream(
            "/META-INF/services/" + IdentityProviderFactory.class.getName())) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R", -1)) {
        if (line.startsWith(NationalEidProviderFactory.class.getPackageName())) {
          offered.add(
              Class.forName(line.trim())
                  .asSubclass(NationalEidProviderFactory.class)
                  .getDeclaredConstructor()
                  .newInstance()
                  .getId());
        }
      }
    }
    assertThat(offered).isEqualTo(MostRealm.NATIONAL_EID_PROVIDER_TYPES);
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "bg", "mk"})
  void everySettingIsLabelledAndExplainedInEachLanguage(String language) throws Exception {
    Properties messages = new Properties();
    try (InputStream in =
        getClass()
            .getResourceAsStream(
                "/theme-resources/messages/messages_" + language + ".properties")) {
      messages.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    for (NationalEidProviderFactory factory : FACTORIES) {
      for (ProviderConfigProperty property : factory.getConfigProperties()) {
        assertThat(messages.getProperty(property.getLabel()))
            .as(factory.getId() + " " + property.getName() + " label in " + language)
            .isNotBlank();
        assertThat(messages.getProperty(property.getHelpText()))
            .as(factory.getId() + " " + property.getName() + " help in " + language)
            .isNotBlank();
      }
    }
    for (String key :
        List.of(
            "mostContinue",
            "mostLevelUnavailable",
            "mostNationalUnavailable",
            "mostAnswerUnsolicited",
            "mostAnswerUntrusted",
            "mostAnswerLate",
            "mostAnswersExhausted",
            "mostInvalidIdentity",
            "mostPlaceholderIdentity",
            "mostNationalError",
            "mostTooManyAnswers")) {
      assertThat(messages.getProperty(key)).as(key + " in " + language).isNotBlank();
    }
  }

  @Test
  void secretsAreSecretAndNamesAreUnique() {
    for (NationalEidProviderFactory factory : FACTORIES) {
      List<ProviderConfigProperty> properties = factory.getConfigProperties();
      assertThat(properties.stream().map(ProviderConfigProperty::getName))
          .as(factory.getId())
          .doesNotHaveDuplicates();
      assertThat(properties)
          .filteredOn(p -> p.getName().endsWith("password") || p.getName().endsWith("secret"))
          .isNotEmpty()
          .allMatch(ProviderConfigProperty::isSecret);
    }
  }
}
