package eu.mostbridge.broker.web;

import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.stream.Collectors;

/**
 * The citizen-facing texts in bg, mk and en, from {@code i18n/messages*.properties} (UTF-8). The
 * English file is the base; a key missing in another language falls back to English, and a test
 * proves none is missing.
 */
public final class Texts {
  private static final ResourceBundle.Control NO_FALLBACK =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

  /**
   * The supported languages' texts, read once: every page render asks for them, and copying a
   * bundle's hundred keys into a new map each time would repeat the same work on every page. Other
   * tags are read each time.
   */
  private static final Map<String, Texts> SUPPORTED =
      Language.SUPPORTED.stream().collect(Collectors.toUnmodifiableMap(l -> l, Texts::read));

  private final String language;
  private final Map<String, String> texts;

  private Texts(String language, Map<String, String> texts) {
    this.language = language;
    this.texts = Collections.unmodifiableMap(texts);
  }

  public static Texts of(String language) {
    Texts supported = SUPPORTED.get(language);
    return supported != null ? supported : read(language);
  }

  private static Texts read(String language) {
    Map<String, String> texts = new HashMap<>();
    ResourceBundle bundle =
        ResourceBundle.getBundle("i18n.messages", Locale.forLanguageTag(language), NO_FALLBACK);
    bundle.keySet().forEach(key -> texts.put(key, bundle.getString(key)));
    return new Texts(language, texts);
  }

  public String language() {
    return language;
  }

  /** Every text by key, for the templates ({@code {t.choose_title}}). */
  public Map<String, String> all() {
    return texts;
  }

  /**
   * The text {@code key} with {@code arguments} in its {0}, {1} places. Plain replacement, not
   * {@link java.text.MessageFormat}, whose quoting rules would eat the apostrophes translators
   * write.
   */
  public String format(String key, Object... arguments) {
    String pattern = texts.get(key);
    if (pattern == null) {
      throw new MissingResourceException("No text " + key, "messages", key);
    }
    String text = pattern;
    for (int i = 0; i < arguments.length; i++) {
      text = text.replace("{" + i + "}", String.valueOf(arguments[i]));
    }
    return text;
  }
}
