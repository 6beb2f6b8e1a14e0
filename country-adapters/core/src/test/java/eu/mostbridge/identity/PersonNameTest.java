package eu.mostbridge.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PersonNameTest {
  @Test
  void holdsTheLatinAndTheNativeFormWithItsTag() {
    PersonName name = PersonName.of("Gjorgji", "Ѓорѓи", ScriptTag.MACEDONIAN_CYRILLIC);

    assertThat(name.latin()).isEqualTo("Gjorgji");
    assertThat(name.nativeForm()).contains("Ѓорѓи");
    assertThat(name.nativeScript().orElseThrow().languageTag()).isEqualTo("mk-Cyrl");
    assertThat(name.toString()).doesNotContain("Gjorgji").doesNotContain("Ѓорѓи");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Müller-Lüdenscheidt", "O'Neill", "Jean Paul", "Đorđević", "J. R."})
  void latinNamesWithDiacriticsAndPunctuation(String latin) {
    assertThat(PersonName.latinOnly(latin).latin()).isEqualTo(latin);
  }

  @Test
  void normalisesToNfcAndStripsSurroundingSpace() {
    PersonName name = PersonName.of("  Nikolay ", "Николаи\u0306", ScriptTag.BULGARIAN_CYRILLIC);

    assertThat(name.latin()).isEqualTo("Nikolay");
    assertThat(name.nativeForm()).contains("Николай");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"Иван", "Ivan1", "Ivan\u0000", "Ivan<script>", "Iv\nan", "Iv\tan", "", "   "})
  void refusesLatinFormsThatAreNotLatinNames(String latin) {
    assertThatThrownBy(() -> PersonName.latinOnly(latin))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Name: the Latin form");
  }

  @Test
  void refusesANativeFormInAnotherScript() {
    assertThatThrownBy(() -> PersonName.of("Ivan", "Ivan", ScriptTag.BULGARIAN_CYRILLIC))
        .hasMessageContaining("native form")
        .hasMessageContaining("U+0049");
  }

  @Test
  void refusesNamesLongerThanAKeycloakRelyingPartyCanStore() {
    assertThat(PersonName.latinOnly("a".repeat(255)).latin()).hasSize(255);
    assertThatThrownBy(() -> PersonName.latinOnly("a".repeat(256)))
        .hasMessageContaining("longer than 255");
  }

  @Test
  void equalityCoversAllParts() {
    assertThat(PersonName.of("Ivan", "Иван", ScriptTag.BULGARIAN_CYRILLIC))
        .isEqualTo(PersonName.of("Ivan", "Иван", ScriptTag.BULGARIAN_CYRILLIC))
        .isNotEqualTo(PersonName.of("Ivan", "Иван", ScriptTag.MACEDONIAN_CYRILLIC))
        .isNotEqualTo(PersonName.latinOnly("Ivan"));
  }
}
