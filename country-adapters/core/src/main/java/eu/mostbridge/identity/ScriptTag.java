package eu.mostbridge.identity;

import java.lang.Character.UnicodeScript;
import java.util.Locale;

/**
 * A BCP 47 language tag with its script subtag, as OpenID Connect appends it to a claim name
 * ({@code family_name#bg-Cyrl}), together with the Unicode script that text so tagged must be in.
 *
 * @param language ISO 639-1 language, lower case
 * @param scriptSubtag ISO 15924 script, title case
 * @param script the Unicode script every letter of such text belongs to
 */
public record ScriptTag(String language, String scriptSubtag, UnicodeScript script) {
  public static final ScriptTag BULGARIAN_CYRILLIC =
      new ScriptTag("bg", "Cyrl", UnicodeScript.CYRILLIC);
  public static final ScriptTag MACEDONIAN_CYRILLIC =
      new ScriptTag("mk", "Cyrl", UnicodeScript.CYRILLIC);

  /** Greek names, as Greece's and Cyprus's ProxyServices send them beside their Latin form. */
  public static final ScriptTag GREEK = new ScriptTag("el", "Grek", UnicodeScript.GREEK);

  /** Every script a native name may come in, so relying parties know the claims to expect. */
  public static final java.util.List<ScriptTag> NATIVE_NAME_SCRIPTS =
      java.util.List.of(BULGARIAN_CYRILLIC, MACEDONIAN_CYRILLIC, GREEK);

  public ScriptTag {
    if (language == null || !language.matches("[a-z]{2,3}")) {
      throw new IllegalArgumentException("Language must be ISO 639 in lower case");
    }
    if (scriptSubtag == null || !scriptSubtag.matches("[A-Z][a-z]{3}")) {
      throw new IllegalArgumentException("Script subtag must be ISO 15924, for example Cyrl");
    }
    if (script == null) {
      throw new IllegalArgumentException("Unicode script is required");
    }
  }

  /** The tag as written after {@code #} in a claim name, for example {@code bg-Cyrl}. */
  public String languageTag() {
    return language + "-" + scriptSubtag;
  }

  /** The tag as a {@link Locale}, for formatting and message selection. */
  public Locale locale() {
    return Locale.forLanguageTag(languageTag());
  }

  @Override
  public String toString() {
    return languageTag();
  }
}
