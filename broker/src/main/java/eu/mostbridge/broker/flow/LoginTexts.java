package eu.mostbridge.broker.flow;

import eu.mostbridge.broker.web.Language;
import eu.mostbridge.broker.web.Texts;
import java.util.Optional;

/** The language of a login's pages. */
public final class LoginTexts {
  private LoginTexts() {}

  /**
   * The texts in the login's language: the one the citizen chose on a page, else {@code
   * ui_locales}, else Accept-Language, else English.
   */
  public static Texts of(Optional<LoginFlow> flow, String acceptLanguage) {
    Optional<String> chosen = flow.flatMap(LoginFlow::language);
    return Texts.of(
        chosen.isPresent()
            ? chosen.get()
            : Language.choose(flow.flatMap(f -> f.request().uiLocale()), acceptLanguage));
  }
}
