package eu.mostbridge.mk.name;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.mostbridge.identity.ScriptTag;
import eu.mostbridge.identity.romanization.UnromanizableTextException;
import eu.mostbridge.mk.name.MacedonianRomanization.DzheSpelling;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MacedonianRomanizationTest {
  private static final String LETTERS = "абвгдѓежзѕијклљмнњопрстќуфхцчџш";
  private final MacedonianRomanization romanization = new MacedonianRomanization();

  /** Every letter: alone in lower case, alone as a capital, in a capitals word. */
  @ParameterizedTest(name = "{0} {2} {4}")
  @CsvSource({
    "а, a, А, A, АА, AA",
    "б, b, Б, B, ББ, BB",
    "в, v, В, V, ВВ, VV",
    "г, g, Г, G, ГГ, GG",
    "д, d, Д, D, ДД, DD",
    "ѓ, gj, Ѓ, Gj, ЃЃ, GJGJ",
    "е, e, Е, E, ЕЕ, EE",
    "ж, zh, Ж, Zh, ЖЖ, ZHZH",
    "з, z, З, Z, ЗЗ, ZZ",
    "ѕ, dz, Ѕ, Dz, ЅЅ, DZDZ",
    "и, i, И, I, ИИ, II",
    "ј, j, Ј, J, ЈЈ, JJ",
    "к, k, К, K, КК, KK",
    "л, l, Л, L, ЛЛ, LL",
    "љ, lj, Љ, Lj, ЉЉ, LJLJ",
    "м, m, М, M, ММ, MM",
    "н, n, Н, N, НН, NN",
    "њ, nj, Њ, Nj, ЊЊ, NJNJ",
    "о, o, О, O, ОО, OO",
    "п, p, П, P, ПП, PP",
    "р, r, Р, R, РР, RR",
    "с, s, С, S, СС, SS",
    "т, t, Т, T, ТТ, TT",
    "ќ, kj, Ќ, Kj, ЌЌ, KJKJ",
    "у, u, У, U, УУ, UU",
    "ф, f, Ф, F, ФФ, FF",
    "х, h, Х, H, ХХ, HH",
    "ц, c, Ц, C, ЦЦ, CC",
    "ч, ch, Ч, Ch, ЧЧ, CHCH",
    "џ, dj, Џ, Dj, ЏЏ, DJDJ",
    "ш, sh, Ш, Sh, ШШ, SHSH",
    "ѐ, e, Ѐ, E, ЀЀ, EE",
    "ѝ, i, Ѝ, I, ЍЍ, II",
  })
  void everyLetterInEveryCase(
      String lower,
      String latinLower,
      String title,
      String latinTitle,
      String caps,
      String latinCaps) {
    assertThat(romanization.romanize(lower)).isEqualTo(latinLower);
    assertThat(romanization.romanize(title)).isEqualTo(latinTitle);
    assertThat(romanization.romanize(caps)).isEqualTo(latinCaps);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "Ѓорѓи, Gjorgji",
    "ЃОРЃИ, GJORGJI",
    "Ќиро Глигоров, Kjiro Gligorov",
    "Љубица Њаговска, Ljubica Njagovska",
    "Ѕвездана, Dzvezdana",
    "Џемаил, Djemail",
    "ЏЕМАИЛ, DJEMAIL",
    "Скопје, Skopje",
    "Цвета Јовановска-Ристова, Cveta Jovanovska-Ristova",
    "Шаќири, Shakjiri",
  })
  void namesByThePassportTable(String cyrillic, String latin) {
    assertThat(romanization.romanize(cyrillic)).isEqualTo(latin);
  }

  @Test
  void dzheCanBeWrittenDzhWhenADeploymentChoosesIt() {
    MacedonianRomanization dzh = new MacedonianRomanization(DzheSpelling.DZH);

    assertThat(dzh.romanize("Џемаил")).isEqualTo("Dzhemail");
    assertThat(dzh.romanize("ЏЕМАИЛ")).isEqualTo("DZHEMAIL");
    assertThat(dzh.title()).contains("dzh");
  }

  @Test
  void bulgarianOnlyLettersAreRefused() {
    assertThatThrownBy(() -> romanization.romanize("Щерев"))
        .isInstanceOfSatisfying(
            UnromanizableTextException.class, e -> assertThat(e.codePoint()).isEqualTo('Щ'));
    assertThatThrownBy(() -> romanization.romanize("Мария"))
        .isInstanceOf(UnromanizableTextException.class);
  }

  @Test
  void randomMacedonianWordsBecomeAsciiAndFollowTheCasePattern() {
    RandomGenerator random = new SplittableRandom(Long.getLong("most.test.seed", 20261126L));
    for (int i = 0; i < 5_000; i++) {
      StringBuilder word = new StringBuilder();
      int length = 2 + random.nextInt(12);
      for (int j = 0; j < length; j++) {
        word.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
      }
      String lower = word.toString();
      String latin = romanization.romanize(lower);

      assertThat(latin).as(lower).matches("[a-z]+");
      assertThat(romanization.romanize(lower.toUpperCase(Locale.ROOT)))
          .as(lower)
          .isEqualTo(latin.toUpperCase(Locale.ROOT));
    }
  }

  @Test
  void describesItself() {
    assertThat(romanization.source()).isEqualTo(ScriptTag.MACEDONIAN_CYRILLIC);
    assertThat(romanization.title()).contains("dj");
  }
}
