package eu.mostbridge.broker.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TextsTest {
  @ParameterizedTest
  @ValueSource(strings = {"bg", "mk"})
  void everyLanguageHasEveryEnglishTextAndNoMore(String language) {
    Texts english = Texts.of("en");
    Texts other = Texts.of(language);

    assertThat(other.all().keySet()).isEqualTo(english.all().keySet());
    other.all().forEach((key, text) -> assertThat(text).as(key).isNotBlank());
  }

  @ParameterizedTest
  @ValueSource(strings = {"bg", "mk"})
  void translationsAreTranslated(String language) {
    Texts english = Texts.of("en");
    Texts other = Texts.of(language);

    assertThat(other.all().get("choose_title")).isNotEqualTo(english.all().get("choose_title"));
    assertThat(other.all().get("consent_allow")).matches(".*\\p{IsCyrillic}.*");
  }

  @ParameterizedTest(name = "ui_locales {0}, Accept-Language {1} -> {2}")
  @CsvSource({
    "mk, en-GB, mk",
    ", 'bg-BG,bg;q=0.9', bg",
    ", 'de-DE,mk;q=0.5', mk",
    ", 'de-DE', en",
    ", , en",
    ", '@@@', en",
  })
  void theLanguageFollowsUiLocalesThenAcceptLanguageThenEnglish(
      String uiLocale, String acceptLanguage, String expected) {
    assertThat(
            Language.choose(
                Optional.ofNullable(uiLocale).map(Locale::forLanguageTag), acceptLanguage))
        .isEqualTo(expected);
  }

  @Test
  void argumentsAreFilledInAndApostrophesKept() {
    assertThat(Texts.of("en").format("choose_intro", "Service X's portal"))
        .startsWith("Service X's portal asks");
    assertThat(Texts.of("en").format("error.national_error")).startsWith("Your country's");
  }
}
