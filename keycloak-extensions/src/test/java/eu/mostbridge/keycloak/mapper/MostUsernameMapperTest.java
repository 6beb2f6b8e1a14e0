package eu.mostbridge.keycloak.mapper;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MostUsernameMapperTest {
  @Test
  void buildsASafeUsernameFromTheTemplate() {
    Map<String, Object> claims = Map.of("person_identifier", "BG/MK/p1.9c1f");

    assertThat(MostUsernameMapper.username(null, claims)).isEqualTo("most-bg-mk-p1.9c1f");
    assertThat(MostUsernameMapper.username("${ORIGIN_COUNTRY}_${PERSON_IDENTIFIER}", claims))
        .isEqualTo("bg_bg-mk-p1.9c1f");
    assertThat(MostUsernameMapper.username("x-${NOT_AN_ATTRIBUTE}", claims)).isEqualTo("x-");
  }
}
