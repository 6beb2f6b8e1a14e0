package eu.mostbridge.logscan;

import static org.assertj.core.api.Assertions.assertThat;

import eu.mostbridge.bg.name.TransliterationAct2009;
import eu.mostbridge.mk.name.MacedonianRomanization;
import eu.mostbridge.simulator.Persona;
import eu.mostbridge.simulator.Personas;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs in the last module of the build: reads every log the other modules wrote in this build (the
 * broker's test log, the validator's, the cluster's, Keycloak's, the browser tests' and benchmarks'
 * server logs, and every module's captured test output) and proves that no persona's national
 * number, name, address, e-mail or phone appears in any. Logs older than this build are another
 * build's and are not read; the broker's own must be among those read, or the scan ran too early
 * and fails.
 */
class LogScanTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private static Set<String> personalData() throws IOException {
    Set<String> values = new LinkedHashSet<>();
    TransliterationAct2009 bg = new TransliterationAct2009();
    MacedonianRomanization mk = new MacedonianRomanization();
    Personas personas = Personas.defaults();
    // Every persona: those of other member states arrive through the eIDAS network.
    for (Persona p : personas.all()) {
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
            values.add(("MK".equals(p.country()) ? mk : bg).romanize(value));
          }
        }
      }
    }
    return values;
  }

  /** Every log under a module's {@code target} written since {@code since}. */
  private static List<Path> logs(Instant since) throws IOException {
    List<Path> logs = new ArrayList<>();
    try (Stream<Path> files = Files.walk(ROOT, 7)) {
      files
          .filter(Files::isRegularFile)
          .filter(f -> ROOT.relativize(f).toString().contains("target"))
          .filter(f -> !ROOT.relativize(f).startsWith("log-scan"))
          .filter(
              f -> {
                String name = f.getFileName().toString();
                return name.endsWith(".log") || name.endsWith("-output.txt");
              })
          .filter(f -> modifiedSince(f, since))
          .forEach(logs::add);
    }
    return logs;
  }

  private static boolean modifiedSince(Path file, Instant since) {
    try {
      return !Files.getLastModifiedTime(file).toInstant().isBefore(since);
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void noPersonalDataOfAnyPersonaIsInAnyLogOfThisBuild() throws IOException {
    Instant started = Instant.parse(System.getProperty("most.build.started"));
    Set<String> personal = personalData();
    List<Path> logs = logs(started);
    assertThat(personal)
        .as("what is looked for")
        .hasSizeGreaterThan(40)
        .contains("8703141379", "Петрова", "Petrova");
    Path brokerLog = ROOT.resolve("broker/target/quarkus-test.log");
    assertThat(logs)
        .as("the broker's test log of this build is read (the scan runs after the broker's tests)")
        .contains(brokerLog);
    assertThat(Files.readAllLines(brokerLog, StandardCharsets.UTF_8).stream())
        .as("the suite wrote audit events to scan")
        .filteredOn(l -> l.contains("[most.audit]"))
        .hasSizeGreaterThan(100);

    // The validator's too: its signers are the same personas, their names and numbers read from
    // the certificates it validated (the page and the API return them; no log may hold them).
    Path validatorLog = ROOT.resolve("trust-services/target/quarkus-test.log");
    assertThat(logs).as("the validator's test log of this build is read").contains(validatorLog);
    assertThat(Files.readAllLines(validatorLog, StandardCharsets.UTF_8).stream())
        .as("the validator wrote audit events to scan")
        .filteredOn(l -> l.contains("\"event\":\"document_validated\""))
        .isNotEmpty();

    // A value counts where it stands alone: "Ivan" inside a random token is no one's name.
    List<Pattern> patterns =
        personal.stream()
            .map(
                v ->
                    Pattern.compile(
                        "(?<![\\p{L}\\p{N}_-])" + Pattern.quote(v) + "(?![\\p{L}\\p{N}_-])"))
            .toList();
    long bytes = 0;
    for (Path log : logs) {
      // Leniently decoded: a log is text, but one stray byte must not stop the scan.
      String text = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
      bytes += text.length();
      for (Pattern value : patterns) {
        assertThat(value.matcher(text).find())
            .as("%s must not contain personal data", ROOT.relativize(log))
            .isFalse();
      }
    }
    System.out.printf(
        "Scanned %d log files of this build, %d characters, for %d personal values%n",
        logs.size(), bytes, personal.size());
  }
}
