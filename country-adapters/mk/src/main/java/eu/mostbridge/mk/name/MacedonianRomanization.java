package eu.mostbridge.mk.name;

import eu.mostbridge.identity.ScriptTag;
import eu.mostbridge.identity.romanization.Romanization;
import eu.mostbridge.identity.romanization.RomanizationTable;
import java.util.Objects;

/**
 * North Macedonia's official digraph romanization, as its passports write names: а a, б b, в v, г
 * g, д d, ѓ gj, е e, ж zh, з z, ѕ dz, и i, ј j, к k, л l, љ lj, м m, н n, њ nj, о o, п p, р r, с s,
 * т t, ќ kj, у u, ф f, х h, ц c, ч ch, џ dj, ш sh; capitals follow the case pattern (Ѓорѓи is
 * Gjorgji, ЃОРЃИ is GJORGJI).
 *
 * <p>Two points are settled here rather than by a public source: the accented ѐ and ѝ (used only to
 * tell homographs apart) read as e and i; and џ, which passports write "dj" but other tables "dzh",
 * is a {@link DzheSpelling} choice with "dj" by default.
 */
public final class MacedonianRomanization implements Romanization {
  /** How to write џ. */
  public enum DzheSpelling {
    /** "dj", as in passports (default). */
    DJ("dj"),
    /** "dzh", as in some other romanization tables. */
    DZH("dzh");

    private final String latin;

    DzheSpelling(String latin) {
      this.latin = latin;
    }
  }

  private final RomanizationTable table;
  private final DzheSpelling dzhe;

  /** The passport form ({@link DzheSpelling#DJ}); the one {@link java.util.ServiceLoader} makes. */
  public MacedonianRomanization() {
    this(DzheSpelling.DJ);
  }

  public MacedonianRomanization(DzheSpelling dzhe) {
    this.dzhe = Objects.requireNonNull(dzhe, "dzhe");
    this.table =
        RomanizationTable.named("Macedonian official romanization")
            .letter('а', "a")
            .letter('б', "b")
            .letter('в', "v")
            .letter('г', "g")
            .letter('д', "d")
            .letter('ѓ', "gj")
            .letter('е', "e")
            .letter('ѐ', "e")
            .letter('ж', "zh")
            .letter('з', "z")
            .letter('ѕ', "dz")
            .letter('и', "i")
            .letter('ѝ', "i")
            .letter('ј', "j")
            .letter('к', "k")
            .letter('л', "l")
            .letter('љ', "lj")
            .letter('м', "m")
            .letter('н', "n")
            .letter('њ', "nj")
            .letter('о', "o")
            .letter('п', "p")
            .letter('р', "r")
            .letter('с', "s")
            .letter('т', "t")
            .letter('ќ', "kj")
            .letter('у', "u")
            .letter('ф', "f")
            .letter('х', "h")
            .letter('ц', "c")
            .letter('ч', "ch")
            .letter('џ', dzhe.latin)
            .letter('ш', "sh")
            .build();
  }

  @Override
  public ScriptTag source() {
    return ScriptTag.MACEDONIAN_CYRILLIC;
  }

  @Override
  public String title() {
    return "North Macedonia official romanization (passport form, џ as " + dzhe.latin + ")";
  }

  @Override
  public String romanize(String text) {
    return table.romanize(text);
  }
}
