package eu.mostbridge.broker.state;

import com.nimbusds.oauth2.sdk.OAuth2Error;
import eu.mostbridge.broker.audit.AuditEvent;
import eu.mostbridge.broker.audit.AuditLog;
import eu.mostbridge.broker.flow.StateUnavailableException;
import eu.mostbridge.broker.web.ErrorPages;
import eu.mostbridge.broker.web.Language;
import eu.mostbridge.broker.web.Texts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * When the broker's state cannot be reached (a replica cut off in a minority partition, a peer that
 * timed out), every endpoint answers 503 with {@code Retry-After}: relying parties get an OAuth
 * error object, citizens a page in their language. The login itself is not lost: it lives on the
 * majority side, and a retry that reaches a healthy replica continues it.
 */
@ApplicationScoped
public class StateUnavailableResponses {
  private static final String RETRY_AFTER_SECONDS = "5";

  private final ErrorPages errorPages;
  private final AuditLog audit;

  public StateUnavailableResponses(ErrorPages errorPages, AuditLog audit) {
    this.errorPages = errorPages;
    this.audit = audit;
  }

  @ServerExceptionMapper
  public Response unavailable(
      StateUnavailableException e, UriInfo uri, HttpHeaders headers, SimpleResourceInfo resource) {
    String path = uri.getPath();
    audit.record(
        AuditEvent.of("state.unavailable")
            .with("cache", e.cache())
            .with("reason", e.reason())
            .with("path", path)
            .with("outcome", "temporarily_unavailable"));
    if (answersJson(resource)) {
      return Response.status(Response.Status.SERVICE_UNAVAILABLE)
          .type(MediaType.APPLICATION_JSON_TYPE)
          .header("Retry-After", RETRY_AFTER_SECONDS)
          .header("Cache-Control", "no-store")
          .entity(
              OAuth2Error.TEMPORARILY_UNAVAILABLE
                  .setDescription("Most's state is unavailable on this replica; retry shortly")
                  .toJSONObject()
                  .toJSONString())
          .build();
    }
    Texts texts =
        Texts.of(
            Language.choose(
                Optional.empty(), headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE)));
    return Response.fromResponse(errorPages.page(503, texts, "error.unavailable"))
        .header("Retry-After", RETRY_AFTER_SECONDS)
        .build();
  }

  /**
   * Whether the endpoint that failed answers relying parties in JSON (token, userinfo, pushed
   * requests: it says so in its method's or class's {@code @Produces}); every other endpoint is a
   * citizen's page.
   */
  private static boolean answersJson(SimpleResourceInfo resource) {
    if (resource == null || resource.getResourceClass() == null) {
      return false;
    }
    try {
      Produces produces =
          resource
              .getResourceClass()
              .getMethod(resource.getMethodName(), resource.parameterTypes())
              .getAnnotation(Produces.class);
      if (produces == null) {
        produces = resource.getResourceClass().getAnnotation(Produces.class);
      }
      return produces != null
          && Arrays.stream(produces.value()).anyMatch(type -> type.endsWith("json"));
    } catch (NoSuchMethodException e) {
      return false;
    }
  }
}
