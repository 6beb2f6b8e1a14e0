package eu.mostbridge.trust.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextsTest {
  @Test
  void everyLanguageHasEveryText() {
    var english = Texts.of("en").all().keySet();
    assertThat(english).contains("regime_MK_QUALIFIED", "verdict_eu", "error_too_large");
    for (String language : Texts.LANGUAGES) {
      assertThat(Texts.of(language).all().keySet())
          .as(language)
          .containsExactlyInAnyOrderElementsOf(english);
    }
  }

  @Test
  void theLanguageComesFromTheRequestThenTheBrowser() {
    assertThat(Texts.choose(java.util.Optional.of("mk"), "bg").language()).isEqualTo("mk");
    assertThat(Texts.choose(java.util.Optional.empty(), "de, bg;q=0.5").language()).isEqualTo("bg");
    assertThat(Texts.choose(java.util.Optional.of("xx"), "%%%").language()).isEqualTo("en");
  }
}
