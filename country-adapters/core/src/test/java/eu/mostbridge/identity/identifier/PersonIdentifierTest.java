package eu.mostbridge.identity.identifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.IdentifierProblem;
import eu.mostbridge.identity.InvalidIdentifierException;
import eu.mostbridge.identity.PersonIdentifier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PersonIdentifierTest {
  @Test
  void parsesAndWritesTheEidasForm() {
    PersonIdentifier id = PersonIdentifier.parse("MK/BG/2402983450006");

    assertThat(id.origin()).isEqualTo(CountryCode.MK);
    assertThat(id.destination()).isEqualTo(CountryCode.BG);
    assertThat(id.value()).isEqualTo("2402983450006");
    assertThat(id.toEidasForm()).isEqualTo("MK/BG/2402983450006");
    assertThat(PersonIdentifier.parse(id.toEidasForm())).isEqualTo(id);
  }

  @Test
  void theValueMayHoldSlashes() {
    assertThat(PersonIdentifier.parse("ES/AT/02635542Y/x").value()).isEqualTo("02635542Y/x");
  }

  @Test
  void printsNoIdentifier() {
    assertThat(PersonIdentifier.parse("BG/MK/7501020018").toString())
        .contains("BG/MK")
        .doesNotContain("7501020018");
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        arguments("BG/MK/75010 20018", IdentifierProblem.SYNTAX),
        arguments("BG/MK/7501020018\t", IdentifierProblem.SYNTAX),
        arguments("BG/MK/7501020018\u00a0", IdentifierProblem.SYNTAX),
        arguments("BG/MK/7501020018\n", IdentifierProblem.SYNTAX),
        arguments("BG/MK/", IdentifierProblem.MISSING),
        arguments("", IdentifierProblem.MISSING),
        arguments(null, IdentifierProblem.MISSING),
        arguments("BG/MK", IdentifierProblem.SYNTAX),
        arguments("BG-MK-7501020018", IdentifierProblem.SYNTAX),
        arguments("BGR/MK/7501020018", IdentifierProblem.SYNTAX),
        arguments("bg/MK/7501020018", IdentifierProblem.COUNTRY),
        arguments("BG/XX/7501020018", IdentifierProblem.COUNTRY));
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void refusesWithTheProblemNamed(String text, IdentifierProblem problem) {
    InvalidIdentifierException e =
        catchThrowableOfType(InvalidIdentifierException.class, () -> PersonIdentifier.parse(text));

    assertThat(e).as("refused").isNotNull();
    assertThat(e.problem()).isEqualTo(problem);
  }

  @Test
  void anOversizedValueIsRefusedWithoutEchoingIt() {
    String value = "BG/MK/" + "1".repeat(PersonIdentifier.MAX_VALUE_LENGTH + 1);
    InvalidIdentifierException e =
        catchThrowableOfType(InvalidIdentifierException.class, () -> PersonIdentifier.parse(value));

    assertThat(e.problem()).isEqualTo(IdentifierProblem.LENGTH);
    assertThat(e.getMessage()).doesNotContain("1111");
  }
}
