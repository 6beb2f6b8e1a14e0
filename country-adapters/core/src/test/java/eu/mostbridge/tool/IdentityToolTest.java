package eu.mostbridge.tool;

import static org.assertj.core.api.Assertions.assertThat;

import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.Gender;
import eu.mostbridge.identity.IdentifierProblem;
import eu.mostbridge.identity.InvalidIdentifierException;
import eu.mostbridge.identity.ScriptTag;
import eu.mostbridge.identity.identifier.NationalIdentifierScheme;
import eu.mostbridge.identity.identifier.NationalIdentityNumber;
import eu.mostbridge.identity.identifier.SemanticsIdentifier;
import eu.mostbridge.identity.romanization.Romanization;
import eu.mostbridge.identity.romanization.RomanizationTable;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The tool's commands and exit codes, with a scheme and a rule set of the test's own (the real ones
 * live in the country modules, whose ServiceLoader registration .ci/run exercises through the
 * README's command).
 */
class IdentityToolTest {
  /** A made-up scheme: four digits, valid when they sum to an even number. */
  private static final NationalIdentifierScheme EVEN =
      new NationalIdentifierScheme() {
        @Override
        public String name() {
          return "even";
        }

        @Override
        public CountryCode country() {
          return CountryCode.BG;
        }

        @Override
        public String description() {
          return "test scheme";
        }

        @Override
        public NationalIdentityNumber parse(String value) {
          if (value.chars().map(c -> c - '0').sum() % 2 != 0) {
            throw new InvalidIdentifierException("EVEN", IdentifierProblem.CHECKSUM, "odd sum");
          }
          return new NationalIdentityNumber() {
            @Override
            public String scheme() {
              return "EVEN";
            }

            @Override
            public CountryCode country() {
              return CountryCode.BG;
            }

            @Override
            public String value() {
              return value;
            }

            @Override
            public Optional<LocalDate> birthDate() {
              return Optional.of(LocalDate.of(1990, 5, 17));
            }

            @Override
            public Optional<Gender> gender() {
              return Optional.of(Gender.FEMALE);
            }

            @Override
            public Optional<SemanticsIdentifier> semanticsIdentifier() {
              return Optional.of(SemanticsIdentifier.personalNumber(CountryCode.BG, value));
            }
          };
        }
      };

  private static final Romanization TOY =
      new Romanization() {
        private final RomanizationTable table =
            RomanizationTable.named("toy").letter('ш', "sh").letter('а', "a").build();

        @Override
        public ScriptTag source() {
          return ScriptTag.BULGARIAN_CYRILLIC;
        }

        @Override
        public String title() {
          return "toy rules";
        }

        @Override
        public String romanize(String text) {
          return table.romanize(text);
        }
      };

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final IdentityTool tool =
      new IdentityTool(
          List.of(EVEN),
          List.of(TOY),
          new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8));

  @Test
  void printsWhatAValidNumberEncodes() {
    assertThat(tool.run("even", "1124")).isEqualTo(IdentityTool.VALID);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("EVEN 1124 is valid")
        .contains("birth date   1990-05-17")
        .contains("gender       female")
        .contains("ETSI form    PNOBG-1124")
        .contains("eIDAS form   BG/<relying party's country>/1124");
  }

  @Test
  void anInvalidNumberExitsOneWithTheReason() {
    assertThat(tool.run("EVEN", "1123")).isEqualTo(IdentityTool.INVALID);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("Invalid: EVEN: odd sum");
  }

  @Test
  void romanizesAndRefusesUnknownLetters() {
    assertThat(tool.run("romanize", "bg", "Шаша", "Ша")).isEqualTo(IdentityTool.VALID);
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Shasha Sha").contains("toy rules");

    assertThat(tool.run("romanize", "bg", "Шб")).isEqualTo(IdentityTool.INVALID);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("U+0431");
  }

  @Test
  void usageErrorsExitTwoAndListTheChoices() {
    assertThat(tool.run()).isEqualTo(IdentityTool.USAGE);
    assertThat(tool.run("egn", "1")).isEqualTo(IdentityTool.USAGE);
    assertThat(tool.run("even")).isEqualTo(IdentityTool.USAGE);
    assertThat(tool.run("romanize", "xx", "a")).isEqualTo(IdentityTool.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("unknown command or scheme 'egn'")
        .contains("schemes: even")
        .contains("languages: bg");
  }

  @Test
  void listsSchemesAndRuleSets() {
    assertThat(tool.run("list")).isEqualTo(IdentityTool.VALID);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("even").contains("toy rules");
  }
}
