package eu.mostbridge.bg.name;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.mostbridge.identity.ScriptTag;
import eu.mostbridge.identity.romanization.UnromanizableTextException;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransliterationAct2009Test {
  private static final String LETTERS = "абвгдежзийклмнопрстуфхцчшщъьюя";
  private final TransliterationAct2009 act = new TransliterationAct2009();

  /**
   * Every letter of the Act's table: alone in lower case, alone as a capital, in a capitals word.
   */
  @ParameterizedTest(name = "{0} {2} {4}")
  @CsvSource({
    "а, a, А, A, АА, AA",
    "б, b, Б, B, ББ, BB",
    "в, v, В, V, ВВ, VV",
    "г, g, Г, G, ГГ, GG",
    "д, d, Д, D, ДД, DD",
    "е, e, Е, E, ЕЕ, EE",
    "ж, zh, Ж, Zh, ЖЖ, ZHZH",
    "з, z, З, Z, ЗЗ, ZZ",
    "и, i, И, I, ИИ, II",
    "й, y, Й, Y, ЙЙ, YY",
    "к, k, К, K, КК, KK",
    "л, l, Л, L, ЛЛ, LL",
    "м, m, М, M, ММ, MM",
    "н, n, Н, N, НН, NN",
    "о, o, О, O, ОО, OO",
    "п, p, П, P, ПП, PP",
    "р, r, Р, R, РР, RR",
    "с, s, С, S, СС, SS",
    "т, t, Т, T, ТТ, TT",
    "у, u, У, U, УУ, UU",
    "ф, f, Ф, F, ФФ, FF",
    "х, h, Х, H, ХХ, HH",
    "ц, ts, Ц, Ts, ЦЦ, TSTS",
    "ч, ch, Ч, Ch, ЧЧ, CHCH",
    "ш, sh, Ш, Sh, ШШ, SHSH",
    "щ, sht, Щ, Sht, ЩЩ, SHTSHT",
    "ъ, a, Ъ, A, ЪЪ, AA",
    "ь, y, Ь, Y, ЬЬ, YY",
    "ю, yu, Ю, Yu, ЮЮ, YUYU",
    "я, ya, Я, Ya, ЯЯ, YAYA",
  })
  void everyLetterInEveryCase(
      String lower,
      String latinLower,
      String title,
      String latinTitle,
      String caps,
      String latinCaps) {
    assertThat(act.romanize(lower)).isEqualTo(latinLower);
    assertThat(act.romanize(title)).isEqualTo(latinTitle);
    assertThat(act.romanize(caps)).isEqualTo(latinCaps);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "Мария, Maria", // word-final ия
    "МАРИЯ, MARIA",
    "мария, maria",
    "Марияна, Mariyana", // ия not at the end
    "Ия, Ia",
    "Мария-Магдалена, Maria-Magdalena", // a hyphen ends a word
    "Лилия Илиева, Lilia Ilieva",
    "Юлиян, Yuliyan",
    "България, Bulgaria", // the country's name
    "БЪЛГАРИЯ, BULGARIA",
    "Нова България, Nova Bulgaria",
    "Българин, Balgarin", // only the country's name is fixed
    "Щерев, Shterev",
    "ЩЕРЕВ, SHTEREV",
    "Щ., Sht.", // an initial
    "Жечо Цветанов, Zhecho Tsvetanov",
    "ЖЕЧО ЦВЕТАНОВ, ZHECHO TSVETANOV",
    "Кьосев, Kyosev",
    "Йорданка Хаджиева, Yordanka Hadzhieva",
    "Ъгълът, Agalat",
    "Чучулига, Chuchuliga",
    "Шишков, Shishkov",
    "Юрий Яворов, Yuriy Yavorov",
    "Д'Арк, D'Ark", // apostrophe passes through
    "Иван Ivanov, Ivan Ivanov", // Latin passes through
  })
  void specialRulesAndNames(String cyrillic, String latin) {
    assertThat(act.romanize(cyrillic)).isEqualTo(latin);
  }

  @Test
  void decomposedInputIsReadAsComposed() {
    assertThat(act.romanize("Николаи\u0306")).isEqualTo("Nikolay");
  }

  @Test
  void lettersOutsideTheActAreRefusedByCodePoint() {
    assertThatThrownBy(() -> act.romanize("Крылов"))
        .isInstanceOfSatisfying(
            UnromanizableTextException.class,
            e -> {
              assertThat(e.codePoint()).isEqualTo('ы');
              assertThat(e.getMessage()).contains("U+044B").doesNotContain("Крылов");
            });
    assertThatThrownBy(() -> act.romanize("Γιώργος"))
        .isInstanceOf(UnromanizableTextException.class);
  }

  @Test
  void randomBulgarianWordsBecomeAsciiAndCapitalsWordsUpperCaseTheLowerForm() {
    RandomGenerator random = new SplittableRandom(Long.getLong("most.test.seed", 20261126L));
    for (int i = 0; i < 5_000; i++) {
      StringBuilder word = new StringBuilder();
      int length = 2 + random.nextInt(12);
      for (int j = 0; j < length; j++) {
        word.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
      }
      String lower = word.toString();
      String latin = act.romanize(lower);

      assertThat(latin).as(lower).matches("[a-z]+");
      assertThat(act.romanize(lower.toUpperCase(Locale.ROOT)))
          .as(lower)
          .isEqualTo(latin.toUpperCase(Locale.ROOT));
      String title = Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
      assertThat(act.romanize(title))
          .as(lower)
          .isEqualTo(Character.toUpperCase(latin.charAt(0)) + latin.substring(1));
    }
  }

  @Test
  void describesItself() {
    assertThat(act.source()).isEqualTo(ScriptTag.BULGARIAN_CYRILLIC);
    assertThat(act.title()).contains("2009");
  }
}
