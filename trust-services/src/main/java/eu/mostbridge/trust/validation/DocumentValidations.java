package eu.mostbridge.trust.validation;

import eu.europa.esig.dss.model.DSSDocument;
import eu.mostbridge.trust.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A validation as every front asks for it: validated, summarised, and audited (the document by its
 * digest and size only), or refused with a typed problem, also audited.
 */
@ApplicationScoped
public class DocumentValidations {
  private final SignatureValidation validation;
  private final AuditLog audit;

  public DocumentValidations(SignatureValidation validation, AuditLog audit) {
    this.validation = validation;
    this.audit = audit;
  }

  /**
   * Validates for a front ({@code api} or {@code page}).
   *
   * @throws ValidationProblem when no report can be made
   */
  public ValidationSummary validate(ValidationInput input, String front) {
    long started = System.nanoTime();
    Digest digest = digest(input.document());
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("front", front);
    fields.put("documentSha256", digest.sha256());
    fields.put("size", digest.size());
    fields.put("originals", input.originals().size());
    try {
      ValidationOutcome outcome = validation.validate(input);
      ValidationSummary summary =
          Summaries.of(outcome, SignatureValidation.nameOf(input.document()), digest.sha256());
      fields.put("indication", summary.indication());
      fields.put("signatures", summary.signatures().size());
      fields.put(
          "formats",
          summary.signatures().stream()
              .map(ValidationSummary.SignatureSummary::signatureFormat)
              .distinct()
              .collect(Collectors.joining(",")));
      fields.put(
          "regimes",
          summary.signatures().stream()
              .map(s -> s.legalRegime().code())
              .collect(Collectors.joining(",")));
      fields.put("snapshot", outcome.snapshot().id());
      fields.put("millis", (System.nanoTime() - started) / 1_000_000);
      audit.record("document_validated", fields);
      return summary;
    } catch (ValidationProblem problem) {
      fields.put("refusal", problem.kind().code());
      fields.put("millis", (System.nanoTime() - started) / 1_000_000);
      audit.record("validation_refused", fields);
      throw problem;
    }
  }

  /**
   * Audits a request refused before validation (a part missing, too many) and returns the problem,
   * for the front to throw.
   */
  public ValidationProblem refused(ValidationProblem problem, String front) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("front", front);
    fields.put("refusal", problem.kind().code());
    audit.record("validation_refused", fields);
    return problem;
  }

  /** The SHA-256 and size of a document as sent. */
  record Digest(String sha256, long size) {}

  static Digest digest(DSSDocument document) {
    try (InputStream in = document.openStream();
        DigestInputStream digesting =
            new DigestInputStream(in, MessageDigest.getInstance("SHA-256"))) {
      long size = digesting.transferTo(OutputStream.nullOutputStream());
      return new Digest(HexFormat.of().formatHex(digesting.getMessageDigest().digest()), size);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
