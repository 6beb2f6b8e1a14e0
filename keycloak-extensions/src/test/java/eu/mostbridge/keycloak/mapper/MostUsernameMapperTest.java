package eu.mostbridge.keycloak.mapper;

import static org.assertj.core.api.Assertions.assertThat;

import eu.mostbridge.keycloak.CommonAttribute;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MostUsernameMapperTest {
  private static final Map<CommonAttribute, String> PROVED =
      Map.of(
          CommonAttribute.PERSON_IDENTIFIER, "BG/MK/p1.9c1f",
          CommonAttribute.ORIGIN_COUNTRY, "BG");

  private static Optional<String> login(CommonAttribute attribute) {
    return Optional.ofNullable(PROVED.get(attribute));
  }

  @Test
  void byDefaultAPseudonymWithoutPersonalData() {
    String first = MostUsernameMapper.username(null, MostUsernameMapperTest::login);
    String second = MostUsernameMapper.username("", MostUsernameMapperTest::login);

    assertThat(first).matches("most-[0-9a-f]{32}").doesNotContain("p1.9c1f");
    assertThat(second).matches("most-[0-9a-f]{32}").isNotEqualTo(first);
  }

  @Test
  void attributesWhereTheAdministratorChoosesThem() {
    assertThat(
            MostUsernameMapper.username("most-${PERSON_IDENTIFIER}", MostUsernameMapperTest::login))
        .isEqualTo("most-bg-mk-p1.9c1f");
    assertThat(
            MostUsernameMapper.username(
                "${ORIGIN_COUNTRY}_${PERSON_IDENTIFIER}", MostUsernameMapperTest::login))
        .isEqualTo("bg_bg-mk-p1.9c1f");
    assertThat(MostUsernameMapper.username("x-${NOT_AN_ATTRIBUTE}", MostUsernameMapperTest::login))
        .isEqualTo("x-");
  }

  @Test
  void aUsernameKeycloakCannotHoldBecomesAPseudonym() {
    String identifier = "BG/MK/" + "1".repeat(256);
    assertThat(
            MostUsernameMapper.username(
                "most-${PERSON_IDENTIFIER}",
                a ->
                    a == CommonAttribute.PERSON_IDENTIFIER
                        ? Optional.of(identifier)
                        : Optional.empty()))
        .matches("most-[0-9a-f]{32}");
  }
}
