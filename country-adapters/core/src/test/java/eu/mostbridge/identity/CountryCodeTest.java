package eu.mostbridge.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CountryCodeTest {
  @ParameterizedTest
  @ValueSource(strings = {"BG", "MK", "DE", "GR", "EL"})
  void acceptsIsoCodesAndTheEuCodeForGreece(String code) {
    assertThat(CountryCode.of(code).alpha2()).isEqualTo(code);
  }

  @ParameterizedTest
  @ValueSource(strings = {"bg", "Mk", "XX", "BGR", "B", "ZZ", "UK", " BG"})
  @NullAndEmptySource
  void refusesEverythingElse(String code) {
    assertThatThrownBy(() -> CountryCode.of(code))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ISO 3166-1 alpha-2");
  }
}
