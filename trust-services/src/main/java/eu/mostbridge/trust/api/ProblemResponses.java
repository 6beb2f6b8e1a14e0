package eu.mostbridge.trust.api;

import eu.mostbridge.trust.validation.ValidationProblem;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A refusal as the API answers it: its status, and {@code error} with a description. */
public class ProblemResponses {
  @ServerExceptionMapper
  public Response problem(ValidationProblem problem) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("error", problem.kind().code());
    body.put("error_description", problem.getMessage());
    Response.ResponseBuilder response =
        Response.status(problem.kind().status()).type(MediaType.APPLICATION_JSON).entity(body);
    if (problem.kind().status() == 503) {
      response.header("Retry-After", "30");
    }
    return response.build();
  }
}
