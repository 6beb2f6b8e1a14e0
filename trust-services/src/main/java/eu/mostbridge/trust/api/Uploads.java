package eu.mostbridge.trust.api;

import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.FileDocument;
import eu.mostbridge.trust.config.TrustConfig;
import eu.mostbridge.trust.validation.ValidationInput;
import eu.mostbridge.trust.validation.ValidationProblem;
import java.util.ArrayList;
import java.util.List;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** The parts of a multipart upload as a validation input, for the API and the page. */
public final class Uploads {
  private Uploads() {}

  public static ValidationInput input(
      FileUpload document, List<FileUpload> originals, String visual, TrustConfig config) {
    if (document == null || document.uploadedFile() == null || document.size() == 0) {
      throw new ValidationProblem(
          ValidationProblem.Kind.BAD_REQUEST,
          "Send the signed file as the multipart part \"document\".");
    }
    List<FileUpload> parts = originals == null ? List.of() : originals;
    if (parts.size() > config.validation().maxOriginals()) {
      throw tooManyOriginals(config);
    }
    List<DSSDocument> detached = new ArrayList<>();
    for (FileUpload original : parts) {
      detached.add(file(original));
    }
    return new ValidationInput(file(document), detached, "true".equalsIgnoreCase(visual));
  }

  public static ValidationProblem tooManyOriginals(TrustConfig config) {
    return new ValidationProblem(
        ValidationProblem.Kind.BAD_REQUEST,
        "At most " + config.validation().maxOriginals() + " original documents per request.");
  }

  /**
   * The temporary file of the part: {@code SignatureValidation} reads it into memory when its turn
   * comes, so that requests waiting in the queue hold no document in memory.
   */
  private static DSSDocument file(FileUpload upload) {
    FileDocument document = new FileDocument(upload.uploadedFile().toFile());
    document.setName(name(upload.fileName()));
    return document;
  }

  /**
   * A name as DSS reads it for detached signatures: only the last path element, and bounded. It is
   * never logged.
   */
  public static String name(String sent) {
    if (sent == null || sent.isBlank()) {
      return "document";
    }
    String last = sent.substring(Math.max(sent.lastIndexOf('/'), sent.lastIndexOf('\\')) + 1);
    return last.length() > 200 ? last.substring(0, 200) : last;
  }
}
