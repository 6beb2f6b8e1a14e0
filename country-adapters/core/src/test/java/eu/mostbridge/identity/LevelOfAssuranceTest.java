package eu.mostbridge.identity;

import static eu.mostbridge.identity.LevelOfAssurance.HIGH;
import static eu.mostbridge.identity.LevelOfAssurance.LOW;
import static eu.mostbridge.identity.LevelOfAssurance.SUBSTANTIAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class LevelOfAssuranceTest {
  @Test
  void ordersLowSubstantialHigh() {
    assertThat(LevelOfAssurance.values()).containsExactly(LOW, SUBSTANTIAL, HIGH);
    assertThat(LOW).isLessThan(SUBSTANTIAL);
    assertThat(SUBSTANTIAL).isLessThan(HIGH);
  }

  @ParameterizedTest(name = "{0} satisfies minimum {1}: {2}")
  @CsvSource({
    "LOW, LOW, true",
    "LOW, SUBSTANTIAL, false",
    "LOW, HIGH, false",
    "SUBSTANTIAL, LOW, true",
    "SUBSTANTIAL, SUBSTANTIAL, true",
    "SUBSTANTIAL, HIGH, false",
    "HIGH, LOW, true",
    "HIGH, SUBSTANTIAL, true",
    "HIGH, HIGH, true",
  })
  void theMinimumComparison(
      LevelOfAssurance achieved, LevelOfAssurance minimum, boolean satisfied) {
    assertThat(achieved.satisfies(minimum)).isEqualTo(satisfied);
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "http://eidas.europa.eu/LoA/low, LOW",
    "http://eidas.europa.eu/LoA/substantial, SUBSTANTIAL",
    "http://eidas.europa.eu/LoA/high, HIGH",
    "LOW, LOW",
    "SUBSTANTIAL, SUBSTANTIAL",
    "HIGH, HIGH",
    "eid_low, LOW",
    "eid_substantial, SUBSTANTIAL",
    "eid_high, HIGH",
  })
  void parsesEveryKnownNotation(String value, LevelOfAssurance level) {
    assertThat(LevelOfAssurance.parse(value)).isEqualTo(level);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "low",
        "Low",
        "EID_LOW",
        "http://eidas.europa.eu/LoA/Low",
        "https://eidas.europa.eu/LoA/low",
        "http://eidas.europa.eu/LoA/low ",
        "http://eidas.europa.eu/LoA/NotNotified/low",
        "urn:egov:bg:eauth:2.0:levelofassurance:LOW",
        "urn:egov:bg:eauth:2.0:levelofassurance:low",
        "medium",
      })
  @NullAndEmptySource
  void refusesAnythingElseExactly(String value) {
    assertThat(LevelOfAssurance.find(value)).isEmpty();
    assertThatThrownBy(() -> LevelOfAssurance.parse(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Unknown level of assurance");
  }

  @Test
  void theUriParserRefusesNationalNotations() {
    assertThat(LevelOfAssurance.fromUri("http://eidas.europa.eu/LoA/high")).isEqualTo(HIGH);
    assertThatThrownBy(() -> LevelOfAssurance.fromUri("HIGH"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LevelOfAssurance.fromUri("eid_high"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void writesEachNotation() {
    assertThat(SUBSTANTIAL.uri()).isEqualTo("http://eidas.europa.eu/LoA/substantial");
    assertThat(LevelOfAssuranceNotation.EAUTH_NAME.write(SUBSTANTIAL)).isEqualTo("SUBSTANTIAL");
    assertThat(LevelOfAssuranceNotation.MVR_ACR.write(LOW)).isEqualTo("eid_low");
    for (LevelOfAssuranceNotation notation : LevelOfAssuranceNotation.values()) {
      for (LevelOfAssurance level : LevelOfAssurance.values()) {
        assertThat(notation.read(notation.write(level))).contains(level);
      }
    }
  }

  @Test
  void anOversizedOrControlCharacterValueIsQuotedSafelyInTheError() {
    String hostile = "x".repeat(10_000) + "\nforged log line";
    assertThatThrownBy(() -> LevelOfAssurance.parse(hostile))
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400).doesNotContain("\n"));
  }
}
