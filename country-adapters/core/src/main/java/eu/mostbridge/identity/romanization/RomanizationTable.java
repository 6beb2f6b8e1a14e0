package eu.mostbridge.identity.romanization;

import java.lang.Character.UnicodeScript;
import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The mechanism behind each official romanization: a table of letters, sequences that read
 * differently at the end of a word, and whole words with a fixed Latin form; applied word by word
 * with the source's case pattern.
 *
 * <p>Case: a lower-case source letter gives lower case. An upper-case one gives upper case when the
 * whole word is in capitals (two or more letters, none lower case: {@code ЩЕРЕВ -> SHTEREV}),
 * otherwise title case ({@code Щерев -> Shterev}, and an initial {@code Щ. -> Sht.}).
 *
 * <p>Words are maximal runs of letters (with combining marks); everything between them passes
 * through. Input is NFC-normalised first, so a decomposed {@code и + U+0306} reads as {@code й}.
 */
public final class RomanizationTable {
  private final String name;
  private final Map<Integer, String> letters;
  private final Map<String, String> wordFinal;
  private final Map<String, String> words;

  private RomanizationTable(Builder builder) {
    this.name = builder.name;
    this.letters = Map.copyOf(builder.letters);
    this.wordFinal = new LinkedHashMap<>(builder.wordFinal);
    this.words = Map.copyOf(builder.words);
  }

  public static Builder named(String name) {
    return new Builder(name);
  }

  /** Romanizes {@code text}; see the class comment for the rules. */
  public String romanize(String text) {
    Objects.requireNonNull(text, "text");
    String source = Normalizer.normalize(text, Normalizer.Form.NFC);
    StringBuilder out = new StringBuilder(source.length() + 8);
    int i = 0;
    while (i < source.length()) {
      int cp = source.codePointAt(i);
      if (!isWordCharacter(cp)) {
        out.appendCodePoint(cp);
        i += Character.charCount(cp);
        continue;
      }
      int end = i;
      while (end < source.length() && isWordCharacter(source.codePointAt(end))) {
        end += Character.charCount(source.codePointAt(end));
      }
      romanizeWord(source.substring(i, end), out);
      i = end;
    }
    return Normalizer.normalize(out, Normalizer.Form.NFC);
  }

  private void romanizeWord(String word, StringBuilder out) {
    boolean allCaps = isAllCaps(word);
    String lower = word.toLowerCase(Locale.ROOT);
    String fixed = words.get(lower);
    if (fixed != null) {
      out.append(cased(fixed, word.codePointAt(0), allCaps));
      return;
    }
    int j = 0;
    while (j < word.length()) {
      String ending = endingAt(lower, j);
      if (ending != null) {
        out.append(cased(wordFinal.get(ending), word.codePointAt(j), allCaps));
        j += ending.length();
        continue;
      }
      int cp = word.codePointAt(j);
      String latin = letters.get(Character.toLowerCase(cp));
      if (latin != null) {
        out.append(cased(latin, cp, allCaps));
      } else if (UnicodeScript.of(cp) == UnicodeScript.LATIN
          || Character.getType(cp) == Character.NON_SPACING_MARK) {
        out.appendCodePoint(cp);
      } else {
        throw new UnromanizableTextException(name, cp);
      }
      j += Character.charCount(cp);
    }
  }

  private String endingAt(String lowerWord, int index) {
    for (String ending : wordFinal.keySet()) {
      if (index == lowerWord.length() - ending.length() && lowerWord.endsWith(ending)) {
        return ending;
      }
    }
    return null;
  }

  private static String cased(String latin, int sourceLetter, boolean allCaps) {
    if (!Character.isUpperCase(sourceLetter) || latin.isEmpty()) {
      return latin;
    }
    if (allCaps) {
      return latin.toUpperCase(Locale.ROOT);
    }
    return latin.substring(0, 1).toUpperCase(Locale.ROOT) + latin.substring(1);
  }

  private static boolean isAllCaps(String word) {
    int upper = 0;
    for (int i = 0; i < word.length(); ) {
      int cp = word.codePointAt(i);
      if (Character.isLowerCase(cp)) {
        return false;
      }
      if (Character.isUpperCase(cp)) {
        upper++;
      }
      i += Character.charCount(cp);
    }
    return upper >= 2;
  }

  private static boolean isWordCharacter(int cp) {
    return Character.isLetter(cp) || Character.getType(cp) == Character.NON_SPACING_MARK;
  }

  /** Collects a rule set's table. Keys are lower case; upper case is derived. */
  public static final class Builder {
    private final String name;
    private final Map<Integer, String> letters = new LinkedHashMap<>();
    private final Map<String, String> wordFinal = new LinkedHashMap<>();
    private final Map<String, String> words = new LinkedHashMap<>();

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /** A lower-case source letter and its Latin form. */
    public Builder letter(char lowerCase, String latin) {
      requireLowerCase(String.valueOf(lowerCase));
      letters.put((int) lowerCase, latin);
      return this;
    }

    /** A lower-case sequence that reads {@code latin} when it ends a word (Bulgarian "ия"). */
    public Builder wordFinal(String lowerCase, String latin) {
      requireLowerCase(lowerCase);
      wordFinal.put(lowerCase, latin);
      return this;
    }

    /** A whole word with a fixed Latin form (Bulgarian "България" is "Bulgaria"). */
    public Builder word(String lowerCase, String latin) {
      requireLowerCase(lowerCase);
      words.put(lowerCase, latin);
      return this;
    }

    public RomanizationTable build() {
      return new RomanizationTable(this);
    }

    private static void requireLowerCase(String s) {
      if (s.isEmpty() || !s.equals(s.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("Table keys are non-empty lower case");
      }
    }
  }
}
