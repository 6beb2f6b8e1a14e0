package eu.mostbridge.broker.security;

import static org.assertj.core.api.Assertions.assertThat;

import eu.mostbridge.bg.name.TransliterationAct2009;
import eu.mostbridge.mk.name.MacedonianRomanization;
import eu.mostbridge.simulator.Persona;
import eu.mostbridge.simulator.Personas;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other test of the build (its own surefire execution, last): reads every log
 * written during the suite (the broker's log file, and each module's captured test output) and
 * proves that no persona's national number, name, address, e-mail or phone appears in any.
 */
class LogScanTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private static Set<String> personalData() throws IOException {
    Set<String> values = new LinkedHashSet<>();
    TransliterationAct2009 bg = new TransliterationAct2009();
    MacedonianRomanization mk = new MacedonianRomanization();
    Personas personas = Personas.defaults();
    for (Persona p :
        Stream.concat(personas.of("BG").stream(), personas.of("MK").stream()).toList()) {
      for (String value :
          new String[] {
            p.identifier(),
            p.givenName(),
            p.middleName(),
            p.familyName(),
            p.birthFamilyName(),
            p.latinName(),
            p.address(),
            p.email(),
            p.phone()
          }) {
        if (value != null && value.length() >= 4) {
          values.add(value);
          if (value
              .chars()
              .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.CYRILLIC)) {
            values.add(("BG".equals(p.country()) ? bg : mk).romanize(value));
          }
        }
      }
    }
    return values;
  }

  private static List<Path> logs() throws IOException {
    List<Path> logs = new ArrayList<>();
    logs.add(TestLogs.FILE);
    try (Stream<Path> files = Files.walk(ROOT, 6)) {
      files
          .filter(f -> f.toString().contains("surefire-reports"))
          .filter(f -> f.getFileName().toString().endsWith("-output.txt"))
          .forEach(logs::add);
    }
    return logs;
  }

  @Test
  void noPersonalDataOfAnyPersonaIsInAnyLog() throws IOException {
    Set<String> personal = personalData();
    List<Path> logs = logs();
    assertThat(personal)
        .as("what is looked for")
        .hasSizeGreaterThan(40)
        .contains("8703141379", "Петрова", "Petrova");
    assertThat(TestLogs.auditEvents())
        .as("the suite wrote audit events to scan")
        .hasSizeGreaterThan(100);

    long bytes = 0;
    for (Path log : logs) {
      String text = Files.readString(log, StandardCharsets.UTF_8);
      bytes += text.length();
      for (String value : personal) {
        assertThat(text)
            .as(
                "%s must not contain personal data",
                ROOT.relativize(log.toAbsolutePath().normalize()))
            .doesNotContain(value);
      }
    }
    System.out.printf(
        "Scanned %d log files, %d characters, for %d personal values%n",
        logs.size(), bytes, personal.size());
  }
}
