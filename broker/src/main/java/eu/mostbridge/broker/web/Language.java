package eu.mostbridge.broker.web;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The page language: bg, mk or en, from {@code ui_locales}, then Accept-Language, then English. */
public final class Language {
  public static final List<String> SUPPORTED = List.of("bg", "mk", "en");

  private Language() {}

  public static String choose(Optional<Locale> uiLocale, String acceptLanguage) {
    if (uiLocale.isPresent() && SUPPORTED.contains(uiLocale.get().getLanguage())) {
      return uiLocale.get().getLanguage();
    }
    if (acceptLanguage != null && acceptLanguage.length() <= 1024) {
      try {
        List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(acceptLanguage);
        String best = Locale.lookupTag(ranges, SUPPORTED);
        if (best != null) {
          return best;
        }
      } catch (IllegalArgumentException e) {
        // A malformed header is ignored, as browsers never send one.
      }
    }
    return "en";
  }
}
