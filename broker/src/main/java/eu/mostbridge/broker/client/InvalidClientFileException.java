package eu.mostbridge.broker.client;

import java.util.List;

/** The clients file cannot be used; the message lists every problem found. */
public final class InvalidClientFileException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<String> problems;

  public InvalidClientFileException(List<String> problems) {
    super("The clients file is invalid:\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
