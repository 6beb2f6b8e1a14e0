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

  private static final String PSEUDONYM = MostUsernameMapper.pseudonym("most", "subject-1");

  @Test
  void byDefaultAPseudonymWithoutPersonalData() {
    String first = MostUsernameMapper.username(null, PSEUDONYM, MostUsernameMapperTest::login);
    String second = MostUsernameMapper.username("", PSEUDONYM, MostUsernameMapperTest::login);

    assertThat(first).matches("most-[0-9a-f]{32}").doesNotContain("p1.9c1f").isEqualTo(second);
    assertThat(MostUsernameMapper.pseudonym("most", "subject-2"))
        .as("another subject")
        .isNotEqualTo(PSEUDONYM);
    assertThat(MostUsernameMapper.pseudonym("most-test", "subject-1"))
        .as("another provider")
        .isNotEqualTo(PSEUDONYM);
  }

  @Test
  void attributesWhereTheAdministratorChoosesThem() {
    assertThat(
            MostUsernameMapper.username(
                "most-${PERSON_IDENTIFIER}", PSEUDONYM, MostUsernameMapperTest::login))
        .isEqualTo("most-bg-mk-p1.9c1f");
    assertThat(
            MostUsernameMapper.username(
                "${ORIGIN_COUNTRY}_${PERSON_IDENTIFIER}", PSEUDONYM, MostUsernameMapperTest::login))
        .isEqualTo("bg_bg-mk-p1.9c1f");
    assertThat(
            MostUsernameMapper.username(
                "x-${NOT_AN_ATTRIBUTE}", PSEUDONYM, MostUsernameMapperTest::login))
        .isEqualTo("x-");
  }

  @Test
  void aUsernameKeycloakCannotHoldBecomesAPseudonym() {
    String identifier = "BG/MK/" + "1".repeat(256);
    assertThat(
            MostUsernameMapper.username(
                "most-${PERSON_IDENTIFIER}",
                PSEUDONYM,
                a ->
                    a == CommonAttribute.PERSON_IDENTIFIER
                        ? Optional.of(identifier)
                        : Optional.empty()))
        .matches("most-[0-9a-f]{32}");
  }
}
