package eu.mostbridge.keycloak.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class MostScopesTest {
  @Test
  void asksMostForTheConfiguredCountriesOnly() {
    assertThat(MostScopes.scope("openid profile eidas:country:bg", Set.of("MK")))
        .isEqualTo("openid profile eidas:country:mk");
    assertThat(MostScopes.scope(null, Set.of()))
        .as("no country configured: Most offers every country of the registration")
        .isEqualTo("openid");
  }
}
