package eu.mostbridge.trust.validation;

/**
 * Why a document got no validation report: a typed refusal each front answers in its own way (the
 * API with a status and a JSON error, the page in the reader's language).
 */
public final class ValidationProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The kinds of refusal, each with its HTTP status and a stable code. */
  public enum Kind {
    /** Nothing was sent, or a part is missing or too many. */
    BAD_REQUEST(400, "invalid_request"),
    /** The file holds no signature DSS can read (or is no supported format at all). */
    NOT_SIGNED(422, "no_signature"),
    /** More signatures in one file than the service validates. */
    TOO_MANY_SIGNATURES(422, "too_many_signatures"),
    /** The trusted lists were not read yet. */
    NOT_READY(503, "trust_not_ready"),
    /** Too many validations are running and waiting. */
    BUSY(503, "busy"),
    /** The validation ran longer than the limit. */
    TIMEOUT(503, "validation_timeout");

    private final int status;
    private final String code;

    Kind(int status, String code) {
      this.status = status;
      this.code = code;
    }

    public int status() {
      return status;
    }

    public String code() {
      return code;
    }
  }

  private final Kind kind;

  public ValidationProblem(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
