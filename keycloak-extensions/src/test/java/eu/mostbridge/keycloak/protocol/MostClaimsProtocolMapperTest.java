package eu.mostbridge.keycloak.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import eu.mostbridge.keycloak.CommonAttribute;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MostClaimsProtocolMapperTest {
  private static final Map<CommonAttribute, String> PROVED =
      Map.of(
          CommonAttribute.PERSON_IDENTIFIER, "BG/MK/8703141379",
          CommonAttribute.GIVEN_NAME_NATIVE, "Мария",
          CommonAttribute.BIRTHDATE, "1987-03-14",
          CommonAttribute.LEVEL_OF_ASSURANCE, "http://eidas.europa.eu/LoA/substantial");

  @Test
  void putsTheStoredAttributesIntoClaims() {
    Map<String, Object> claims = MostClaimsProtocolMapper.claims(PROVED::get, false);

    assertThat(claims)
        .containsEntry("person_identifier", "BG/MK/8703141379")
        .containsEntry("given_name#native", "Мария")
        .containsEntry("birthdate", "1987-03-14")
        .containsEntry("eidas_level_of_assurance", "http://eidas.europa.eu/LoA/substantial")
        .doesNotContainKey("gender");
  }

  @Test
  @SuppressWarnings("unchecked")
  void orAsVerifiedClaimsWithTheEidasTrustFramework() {
    Map<String, Object> claims = MostClaimsProtocolMapper.claims(PROVED::get, true);

    Map<String, Object> verified = (Map<String, Object>) claims.get("verified_claims");
    assertThat((Map<String, Object>) verified.get("verification"))
        .containsEntry("trust_framework", "eidas")
        .containsEntry("assurance_level", "substantial");
    assertThat((Map<String, Object>) verified.get("claims"))
        .containsEntry("person_identifier", "BG/MK/8703141379")
        .doesNotContainKey("eidas_level_of_assurance");
  }

  @Test
  void nothingStoredIsNothingAdded() {
    assertThat(MostClaimsProtocolMapper.claims(attribute -> null, true)).isEmpty();
  }

  @Test
  void onlyWhileTheSessionsLastAuthenticationWasItsLoginThroughMost() {
    assertThat(
            MostClaimsProtocolMapper.lastAuthenticatedThroughMost(
                Map.of("most.finished", "1000", "AUTH_TIME", "1001")))
        .as("the login through Most, completed a second later")
        .isTrue();
    assertThat(
            MostClaimsProtocolMapper.lastAuthenticatedThroughMost(
                Map.of("most.finished", "1000", "AUTH_TIME", "5000")))
        .as("a password login an hour later in the same session")
        .isFalse();
    assertThat(MostClaimsProtocolMapper.lastAuthenticatedThroughMost(Map.of("AUTH_TIME", "1000")))
        .as("never through Most")
        .isFalse();
  }
}
