package eu.mostbridge.identity;

import java.lang.Character.UnicodeScript;
import java.text.Normalizer;
import java.util.Objects;
import java.util.Optional;

/**
 * One name of a person (a family name, a given name, a birth name) in Latin script and, where the
 * origin country writes it in another script, in that native form too. eIDAS sends a non-Latin name
 * together with its Latin transliteration ({@code LatinScript}); OpenID Connect releases the native
 * form under a tagged claim such as {@code given_name#mk-Cyrl}.
 *
 * <p>Values are NFC-normalised and stripped of surrounding white space. The Latin form may hold
 * only Latin letters (with diacritics), spaces and name punctuation; the native form only letters
 * of its tag's script and the same punctuation.
 */
public final class PersonName {
  /**
   * Longer than any real name; bounds what hostile input can make Most store and sign. 255: what a
   * Keycloak relying party's name columns hold (the Keycloak extension refuses longer values).
   */
  public static final int MAX_LENGTH = 255;

  private final String latin;
  private final String nativeForm;
  private final ScriptTag nativeScript;

  private PersonName(String latin, String nativeForm, ScriptTag nativeScript) {
    this.latin = checked(latin, UnicodeScript.LATIN, "Latin form");
    this.nativeForm =
        nativeForm == null ? null : checked(nativeForm, nativeScript.script(), "native form");
    this.nativeScript = nativeScript;
  }

  /** A name that exists only in Latin script, for example a foreign resident's. */
  public static PersonName latinOnly(String latin) {
    return new PersonName(latin, null, null);
  }

  /** A name in native script with its Latin transliteration. */
  public static PersonName of(String latin, String nativeForm, ScriptTag nativeScript) {
    Objects.requireNonNull(nativeForm, "nativeForm");
    Objects.requireNonNull(nativeScript, "nativeScript");
    return new PersonName(latin, nativeForm, nativeScript);
  }

  public String latin() {
    return latin;
  }

  public Optional<String> nativeForm() {
    return Optional.ofNullable(nativeForm);
  }

  public Optional<ScriptTag> nativeScript() {
    return Optional.ofNullable(nativeScript);
  }

  private static String checked(String value, UnicodeScript script, String what) {
    if (value == null) {
      throw new IllegalArgumentException("Name: the " + what + " is missing");
    }
    String normalized = Normalizer.normalize(value, Normalizer.Form.NFC).strip();
    if (normalized.isEmpty()) {
      throw new IllegalArgumentException("Name: the " + what + " is empty");
    }
    if (normalized.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "Name: the " + what + " is longer than " + MAX_LENGTH + " characters");
    }
    normalized
        .codePoints()
        .forEach(
            cp -> {
              if (!allowed(cp, script)) {
                throw new IllegalArgumentException(
                    "Name: the "
                        + what
                        + " holds a character outside "
                        + script
                        + " letters and name punctuation (U+"
                        + String.format("%04X", cp)
                        + ")");
              }
            });
    return normalized;
  }

  private static boolean allowed(int codePoint, UnicodeScript script) {
    if (Character.isLetter(codePoint)) {
      return UnicodeScript.of(codePoint) == script;
    }
    if (Character.getType(codePoint) == Character.NON_SPACING_MARK) {
      return true; // a diacritic that has no precomposed form
    }
    // Name punctuation: space, hyphen, apostrophes, full stop (initials), comma.
    return codePoint == ' '
        || codePoint == '-'
        || codePoint == '\''
        || codePoint == '\u2019'
        || codePoint == '.'
        || codePoint == ',';
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PersonName that
        && latin.equals(that.latin)
        && Objects.equals(nativeForm, that.nativeForm)
        && Objects.equals(nativeScript, that.nativeScript);
  }

  @Override
  public int hashCode() {
    return Objects.hash(latin, nativeForm, nativeScript);
  }

  /** No personal data: names are never printed by {@code toString()}. */
  @Override
  public String toString() {
    return "PersonName[" + (nativeScript == null ? "Latin only" : "Latin + " + nativeScript) + "]";
  }
}
