package eu.mostbridge.broker.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The log file the test profile writes ({@code target/quarkus-test.log}). */
public final class TestLogs {
  static final Path FILE = Path.of("target", "quarkus-test.log");

  private TestLogs() {}

  /** The audit events of one login so far. */
  static List<String> auditEvents(String flowId) throws IOException {
    try (var lines = Files.lines(FILE, StandardCharsets.UTF_8)) {
      return lines.filter(l -> l.contains("[most.audit]") && l.contains(flowId)).toList();
    }
  }

  /** Every line written so far. */
  public static List<String> lines() throws IOException {
    return Files.readAllLines(FILE, StandardCharsets.UTF_8);
  }

  /** Every audit event so far. */
  public static List<String> auditEvents() throws IOException {
    try (var lines = Files.lines(FILE, StandardCharsets.UTF_8)) {
      return lines.filter(l -> l.contains("[most.audit]")).toList();
    }
  }
}
