package eu.mostbridge.bg.name;

import eu.mostbridge.identity.ScriptTag;
import eu.mostbridge.identity.romanization.Romanization;
import eu.mostbridge.identity.romanization.RomanizationTable;

/**
 * The Bulgarian Transliteration Act (Закон за транслитерацията, State Gazette 19/2009, as amended):
 * the rules Bulgarian identity documents and registers use to write names in Latin.
 *
 * <ul>
 *   <li>The letter table: а a, б b, в v, г g, д d, е e, ж zh, з z, и i, й y, к k, л l, м m, н n, о
 *       o, п p, р r, с s, т t, у u, ф f, х h, ц ts, ч ch, ш sh, щ sht, ъ a, ь y, ю yu, я ya.
 *   <li>"ия" at the end of a word is "ia" (Мария, Maria), elsewhere "iya" (Марияна, Mariyana).
 *   <li>The country's name, "България", is "Bulgaria".
 *   <li>Capitals follow the case pattern: Щерев is Shterev, ЩЕРЕВ is SHTEREV.
 * </ul>
 */
public final class TransliterationAct2009 implements Romanization {
  private static final RomanizationTable TABLE =
      RomanizationTable.named("Bulgarian Transliteration Act 2009")
          .letter('а', "a")
          .letter('б', "b")
          .letter('в', "v")
          .letter('г', "g")
          .letter('д', "d")
          .letter('е', "e")
          .letter('ж', "zh")
          .letter('з', "z")
          .letter('и', "i")
          .letter('й', "y")
          .letter('к', "k")
          .letter('л', "l")
          .letter('м', "m")
          .letter('н', "n")
          .letter('о', "o")
          .letter('п', "p")
          .letter('р', "r")
          .letter('с', "s")
          .letter('т', "t")
          .letter('у', "u")
          .letter('ф', "f")
          .letter('х', "h")
          .letter('ц', "ts")
          .letter('ч', "ch")
          .letter('ш', "sh")
          .letter('щ', "sht")
          .letter('ъ', "a")
          .letter('ь', "y")
          .letter('ю', "yu")
          .letter('я', "ya")
          .wordFinal("ия", "ia")
          .word("българия", "bulgaria")
          .build();

  @Override
  public ScriptTag source() {
    return ScriptTag.BULGARIAN_CYRILLIC;
  }

  @Override
  public String title() {
    return "Bulgarian Transliteration Act (State Gazette 19/2009)";
  }

  @Override
  public String romanize(String text) {
    return TABLE.romanize(text);
  }
}
