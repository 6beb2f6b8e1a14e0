package eu.mostbridge.identity.identifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.IdentifierProblem;
import eu.mostbridge.identity.InvalidIdentifierException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SemanticsIdentifierTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "PNOBG-7501020018, PNO, BG, 7501020018, true",
    "PASBG-382194017, PAS, BG, 382194017, false",
    "IDCMK-A1234567, IDC, MK, A1234567, false",
    "TINBG-123456789, TIN, BG, 123456789, false",
    "BG:BG-7111042925, BG:, BG, 7111042925, false",
  })
  void parsesTheEtsiForms(String text, String type, String country, String reference, boolean pno) {
    SemanticsIdentifier id = SemanticsIdentifier.parse(text);

    assertThat(id.type()).isEqualTo(type);
    assertThat(id.country()).isEqualTo(CountryCode.of(country));
    assertThat(id.reference()).isEqualTo(reference);
    assertThat(id.isPersonalNumber()).isEqualTo(pno);
    assertThat(id.toEtsiForm()).isEqualTo(text);
    assertThat(id.toString()).doesNotContain(reference);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "PNOBG7501020018, SYNTAX",
    "PNO-BG-7501020018, SYNTAX",
    "XYZBG-7501020018, SYNTAX",
    "pnobg-7501020018, SYNTAX",
    "PNOBG-, SYNTAX",
    "'PNOBG-7501 020018', SYNTAX",
    "PNOXX-7501020018, COUNTRY",
  })
  void refuses(String text, IdentifierProblem problem) {
    InvalidIdentifierException e =
        catchThrowableOfType(
            InvalidIdentifierException.class, () -> SemanticsIdentifier.parse(text));

    assertThat(e).isNotNull();
    assertThat(e.problem()).isEqualTo(problem);
  }

  @Test
  void buildsAPersonalNumber() {
    assertThat(SemanticsIdentifier.personalNumber(CountryCode.MK, "2402983450006").toEtsiForm())
        .isEqualTo("PNOMK-2402983450006");
  }
}
