package eu.mostbridge.identity;

/**
 * An identifier that does not parse or validate. The message names the scheme and what is wrong,
 * never the identifier itself, so it can reach a log or a person without leaking personal data.
 */
public final class InvalidIdentifierException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String scheme;
  private final IdentifierProblem problem;

  public InvalidIdentifierException(String scheme, IdentifierProblem problem, String detail) {
    super(scheme + ": " + detail);
    this.scheme = scheme;
    this.problem = problem;
  }

  /** The scheme's short name, for example {@code EGN}. */
  public String scheme() {
    return scheme;
  }

  public IdentifierProblem problem() {
    return problem;
  }
}
