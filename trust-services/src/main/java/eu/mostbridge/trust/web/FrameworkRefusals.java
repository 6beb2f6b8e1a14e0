package eu.mostbridge.trust.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import eu.mostbridge.trust.validation.DocumentValidations;
import eu.mostbridge.trust.validation.ValidationProblem;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * What the framework refuses before an endpoint runs (JSON that does not parse, a wrong content
 * type, a wrong method) answered as the endpoint would: JSON with {@code error} for the API, a page
 * in the reader's language for people, and an audit event; never an empty body.
 */
public class FrameworkRefusals {
  private static final org.jboss.logging.Logger LOG =
      org.jboss.logging.Logger.getLogger(FrameworkRefusals.class);

  private final DocumentValidations validations;
  private final ValidationPage page;

  public FrameworkRefusals(DocumentValidations validations, ValidationPage page) {
    this.validations = validations;
    this.page = page;
  }

  @ServerExceptionMapper
  public Response unreadableJson(JsonProcessingException e, UriInfo uri, HttpHeaders headers) {
    // Jackson's message names the value it could not read: only its place goes back.
    String where =
        e.getLocation() == null
            ? ""
            : " (line "
                + e.getLocation().getLineNr()
                + ", column "
                + e.getLocation().getColumnNr()
                + ")";
    return answer(
        400,
        "invalid_request",
        "The JSON could not be read as DSS's DataToValidateDTO" + where + ".",
        uri,
        headers);
  }

  /**
   * A multipart body that does not parse (cut short, a wrong boundary, a length that lies): the
   * multipart reader throws an IOException, which would otherwise be a 500.
   */
  @ServerExceptionMapper
  public Response unreadableBody(java.io.IOException e, UriInfo uri, HttpHeaders headers) {
    return answer(
        400,
        "invalid_request",
        "The multipart body could not be read (its boundary, its parts or their length).",
        uri,
        headers);
  }

  /**
   * Anything else thrown outside an endpoint's own refusals: a body with more parts than the
   * multipart reader takes is the sender's fault (400); the rest is Most's, answered 500 with an
   * error id to quote and logged by type, never with a stack trace in the answer.
   */
  @ServerExceptionMapper
  public Response unexpected(RuntimeException e, UriInfo uri, HttpHeaders headers) {
    if (String.valueOf(e.getMessage()).contains("Param limit")) {
      return answer(400, "invalid_request", "The form has too many parts.", uri, headers);
    }
    String id = java.util.UUID.randomUUID().toString();
    LOG.errorf("Unexpected %s on %s (error id %s)", e.getClass().getName(), uri.getPath(), id);
    Map<String, String> body = new LinkedHashMap<>();
    body.put("error", "server_error");
    body.put("error_description", "Something went wrong on our side; quote error id " + id + ".");
    return Response.status(500).type(MediaType.APPLICATION_JSON).entity(body).build();
  }

  @ServerExceptionMapper
  public Response refused(WebApplicationException e, UriInfo uri, HttpHeaders headers) {
    int status = e.getResponse().getStatus();
    return switch (status) {
      case 405 ->
          answer(
              405,
              "method_not_allowed",
              "Send the document with POST.",
              uri,
              headers,
              e.getResponse().getHeaderString("Allow"));
      case 415 ->
          answer(
              415,
              "unsupported_media_type",
              "Send multipart/form-data (a part \"document\") or application/json.",
              uri,
              headers);
      case 404 -> answer(404, "not_found", "There is nothing here.", uri, headers);
      default ->
          status >= 400 && status < 500
              ? answer(status, "invalid_request", "The request could not be read.", uri, headers)
              : e.getResponse();
    };
  }

  private Response answer(
      int status, String code, String description, UriInfo uri, HttpHeaders headers) {
    return answer(status, code, description, uri, headers, null);
  }

  private Response answer(
      int status, String code, String description, UriInfo uri, HttpHeaders headers, String allow) {
    boolean api = uri.getPath().startsWith("/validation/");
    if (status != 404) {
      validations.refused(
          new ValidationProblem(ValidationProblem.Kind.BAD_REQUEST, description),
          api ? "api" : "page");
    }
    Response.ResponseBuilder response;
    if (api) {
      Map<String, String> body = new LinkedHashMap<>();
      body.put("error", code);
      body.put("error_description", description);
      response = Response.status(status).type(MediaType.APPLICATION_JSON).entity(body);
    } else {
      Texts t =
          Texts.choose(
              Optional.ofNullable(uri.getQueryParameters().getFirst("lang")),
              headers.getHeaderString("Accept-Language"));
      response = Response.fromResponse(page.refusal(status, "invalid_request", t));
    }
    if (allow != null) {
      response.header("Allow", allow);
    }
    return response.build();
  }
}
