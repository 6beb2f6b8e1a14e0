package eu.mostbridge.trust.api;

import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.ws.dto.RemoteDocument;
import eu.europa.esig.dss.ws.validation.dto.DataToValidateDTO;
import eu.mostbridge.trust.config.TrustConfig;
import eu.mostbridge.trust.validation.DocumentValidations;
import eu.mostbridge.trust.validation.ValidationInput;
import eu.mostbridge.trust.validation.ValidationProblem;
import eu.mostbridge.trust.validation.ValidationSummary;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * {@code POST /validation/v1}: a signed file as a multipart form (part {@code document}, detached
 * originals as parts {@code original}) or, for programs written for DSS's own REST service, its
 * {@code DataToValidateDTO} in JSON. Answers with {@link ValidationSummary}.
 */
@Path("/validation/v1")
@Produces(MediaType.APPLICATION_JSON)
public class ValidationResource {
  private final DocumentValidations validations;
  private final TrustConfig config;

  public ValidationResource(DocumentValidations validations, TrustConfig config) {
    this.validations = validations;
    this.config = config;
  }

  @POST
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  public ValidationSummary validateForm(
      @RestForm("document") FileUpload document,
      @RestForm("original") List<FileUpload> originals,
      @RestForm("visualComparison") String visualComparison) {
    ValidationInput input;
    try {
      input = Uploads.input(document, originals, visualComparison, config);
    } catch (ValidationProblem problem) {
      throw validations.refused(problem, "api");
    }
    return validations.validate(input, "api");
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public ValidationSummary validateJson(DataToValidateDTO request) {
    ValidationInput input;
    try {
      input = input(request);
    } catch (ValidationProblem problem) {
      throw validations.refused(problem, "api");
    }
    return validations.validate(input, "api");
  }

  private ValidationInput input(DataToValidateDTO request) {
    if (request == null || request.getSignedDocument() == null) {
      throw new ValidationProblem(ValidationProblem.Kind.BAD_REQUEST, "signedDocument is missing.");
    }
    if (request.getPolicy() != null) {
      throw new ValidationProblem(
          ValidationProblem.Kind.BAD_REQUEST,
          "A validation policy of the sender's is not accepted: the service applies its own.");
    }
    List<RemoteDocument> originals =
        request.getOriginalDocuments() == null ? List.of() : request.getOriginalDocuments();
    if (originals.size() > config.validation().maxOriginals()) {
      throw Uploads.tooManyOriginals(config);
    }
    List<DSSDocument> detached = new ArrayList<>();
    for (RemoteDocument original : originals) {
      detached.add(document(original, "an original document"));
    }
    return new ValidationInput(
        document(request.getSignedDocument(), "signedDocument"), detached, false);
  }

  private static DSSDocument document(RemoteDocument remote, String what) {
    if (remote == null || remote.getBytes() == null || remote.getBytes().length == 0) {
      throw new ValidationProblem(
          ValidationProblem.Kind.BAD_REQUEST, what + " has no bytes (base64 in \"bytes\").");
    }
    return new InMemoryDocument(remote.getBytes(), Uploads.name(remote.getName()));
  }
}
