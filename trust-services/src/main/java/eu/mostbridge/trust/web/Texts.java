package eu.mostbridge.trust.web;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.stream.Collectors;

/**
 * The page's texts in bg, mk and en, from {@code i18n/trust*.properties} (UTF-8); English is the
 * base, and a test proves no key is missing in another language.
 */
public final class Texts {
  /** The page languages. */
  public static final List<String> LANGUAGES = List.of("bg", "mk", "en");

  private static final ResourceBundle.Control NO_FALLBACK =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
  private static final Map<String, Texts> ALL =
      LANGUAGES.stream().collect(Collectors.toUnmodifiableMap(l -> l, Texts::read));

  private final String language;
  private final Map<String, String> texts;

  private Texts(String language, Map<String, String> texts) {
    this.language = language;
    this.texts = Collections.unmodifiableMap(texts);
  }

  /** The language asked for ({@code lang}), else Accept-Language's best, else English. */
  public static Texts choose(Optional<String> asked, String acceptLanguage) {
    if (asked.isPresent() && ALL.containsKey(asked.get())) {
      return ALL.get(asked.get());
    }
    if (acceptLanguage != null && acceptLanguage.length() <= 1024) {
      try {
        String best = Locale.lookupTag(Locale.LanguageRange.parse(acceptLanguage), LANGUAGES);
        if (best != null) {
          return ALL.get(best);
        }
      } catch (IllegalArgumentException e) {
        // A malformed header is ignored, as browsers never send one.
      }
    }
    return ALL.get("en");
  }

  public static Texts of(String language) {
    return Optional.ofNullable(ALL.get(language)).orElseThrow();
  }

  private static Texts read(String language) {
    Map<String, String> texts = new HashMap<>();
    ResourceBundle bundle =
        ResourceBundle.getBundle("i18n.trust", Locale.forLanguageTag(language), NO_FALLBACK);
    bundle.keySet().forEach(key -> texts.put(key, bundle.getString(key)));
    return new Texts(language, texts);
  }

  public String language() {
    return language;
  }

  /** Every text by key, for the templates ({@code {t.title}}). */
  public Map<String, String> all() {
    return texts;
  }

  /** The text with its {0}, {1} places filled (plain replacement; apostrophes stay). */
  public String format(String key, Object... arguments) {
    String pattern = texts.get(key);
    if (pattern == null) {
      throw new MissingResourceException("No text " + key, "trust", key);
    }
    String text = pattern;
    for (int i = 0; i < arguments.length; i++) {
      text = text.replace("{" + i + "}", String.valueOf(arguments[i]));
    }
    return text;
  }

  /** The text, or the fallback when there is none for the key. */
  public String orElse(String key, String fallback) {
    return texts.getOrDefault(key, fallback);
  }

  /** A country's name in this language ({@code EL} is Greece). */
  public String country(String code) {
    if (code == null) {
      return "";
    }
    String iso = "EL".equals(code) ? "GR" : code;
    return new Locale("", iso).getDisplayCountry(Locale.forLanguageTag(language));
  }
}
