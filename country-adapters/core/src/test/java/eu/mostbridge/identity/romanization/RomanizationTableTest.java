package eu.mostbridge.identity.romanization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The mechanism, on a small table of its own; the countries' rule sets are tested in bg and mk. */
class RomanizationTableTest {
  private final RomanizationTable table =
      RomanizationTable.named("test")
          .letter('ш', "sh")
          .letter('о', "o")
          .letter('п', "p")
          .letter('а', "a")
          .letter('и', "i")
          .letter('я', "ya")
          .wordFinal("ия", "ia")
          .word("шоп", "shopland")
          .build();

  @Test
  void appliesTheCasePatternToMultiLetterForms() {
    assertThat(table.romanize("шапа")).isEqualTo("shapa");
    assertThat(table.romanize("Шапа")).isEqualTo("Shapa");
    assertThat(table.romanize("ШАПА")).isEqualTo("SHAPA");
    assertThat(table.romanize("Ш")).isEqualTo("Sh");
    assertThat(table.romanize("шАпа")).isEqualTo("shApa");
  }

  @Test
  void wordFinalSequencesOnlyAtTheEndOfAWord() {
    assertThat(table.romanize("пия")).isEqualTo("pia");
    assertThat(table.romanize("пияп")).isEqualTo("piyap");
    assertThat(table.romanize("пия-пия пия.")).isEqualTo("pia-pia pia.");
  }

  @Test
  void wholeWordsTakeTheWordsCasePattern() {
    assertThat(table.romanize("Шоп")).isEqualTo("Shopland");
    assertThat(table.romanize("ШОП")).isEqualTo("SHOPLAND");
    assertThat(table.romanize("шоп")).isEqualTo("shopland");
    assertThat(table.romanize("шопа")).isEqualTo("shopa");
  }

  @Test
  void nonLettersAndLatinPassThroughOtherScriptsAreRefused() {
    assertThat(table.romanize("Шапа 12, O'Шоп")).isEqualTo("Shapa 12, O'Shopland");
    assertThatThrownBy(() -> table.romanize("шаб"))
        .isInstanceOf(UnromanizableTextException.class)
        .hasMessage("test: the letter б (U+0431) is not in its table");
  }

  @Test
  void tableKeysMustBeLowerCase() {
    assertThatThrownBy(() -> RomanizationTable.named("bad").letter('Ш', "Sh"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
