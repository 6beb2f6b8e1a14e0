package eu.mostbridge.broker.authorize;

import com.nimbusds.oauth2.sdk.ErrorObject;
import eu.mostbridge.broker.audit.AuditEvent;
import eu.mostbridge.broker.audit.AuditLog;
import eu.mostbridge.broker.config.BrokerConfig;
import eu.mostbridge.broker.config.IssuerUrl;
import eu.mostbridge.broker.flow.BrowserBoundLogins;
import eu.mostbridge.broker.flow.LoginFlow;
import eu.mostbridge.broker.flow.LoginTexts;
import eu.mostbridge.broker.flow.PushedRequests;
import eu.mostbridge.broker.flow.ValidatedAuthorization;
import eu.mostbridge.broker.token.ErrorDescription;
import eu.mostbridge.broker.web.ErrorPages;
import eu.mostbridge.broker.web.Pages;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The authorization endpoint: parse the query, validate it ({@link AuthorizationRequestValidator}),
 * then either refuse (an error page when the client or redirect URI cannot be trusted, else a
 * redirect with {@code error}, {@code state} and {@code iss}) or start a login bound to this
 * browser and send the citizen to choose their national eID. Each login is bound by a fresh key
 * added to the browser's binding cookie: a value planted in the browser before opens nothing of it.
 */
@Path("/authorize")
public class AuthorizationEndpoint {
  private final Clock clock;
  private final AuthorizationRequestValidator validator;
  private final BrowserBoundLogins logins;
  private final IssuerUrl issuer;
  private final ErrorPages errorPages;
  private final ClientReturn clientReturn;
  private final AuditLog audit;
  private final PushedRequests pushed;

  public AuthorizationEndpoint(
      AuthorizationRequestValidator validator,
      BrowserBoundLogins logins,
      BrokerConfig config,
      ErrorPages errorPages,
      ClientReturn clientReturn,
      AuditLog audit,
      PushedRequests pushed,
      Clock clock) {
    this.clock = clock;
    this.pushed = pushed;
    this.validator = validator;
    this.logins = logins;
    this.issuer = IssuerUrl.of(config);
    this.errorPages = errorPages;
    this.clientReturn = clientReturn;
    this.audit = audit;
  }

  /**
   * The request a client pushed (RFC 9126), found, not yet used; only {@code client_id} and {@code
   * request_uri} count beside it. Empty when unknown, expired, or pushed by another client.
   */
  private Optional<PushedRequests.Pushed> pushedRequest(Map<String, List<String>> query) {
    List<String> requestUri = query.get("request_uri");
    List<String> clientId = query.get("client_id");
    if (requestUri.size() != 1 || clientId == null || clientId.size() != 1) {
      return Optional.empty();
    }
    return pushed
        .find(requestUri.get(0))
        .filter(p -> p.clientId().equals(clientId.get(0)))
        .filter(p -> p.usableAt(clock.instant()));
  }

  @GET
  public Response authorize(
      @Context UriInfo uri,
      @Context HttpHeaders headers,
      @HeaderParam("Accept-Language") String acceptLanguage) {
    Map<String, List<String>> parameters = new LinkedHashMap<>(uri.getQueryParameters());
    Optional<PushedRequests.Pushed> pushedRequest = Optional.empty();
    if (parameters.containsKey("request_uri")) {
      pushedRequest = pushedRequest(parameters);
      if (pushedRequest.isEmpty()) {
        return refusedRequestUri(acceptLanguage);
      }
      parameters = pushedRequest.get().parameters();
    }
    AuthorizationRequestValidator.Result result = validator.validate(parameters);
    if (result instanceof AuthorizationRequestValidator.Refused refused) {
      AuthorizationFailure failure = refused.failure();
      List<String> clientId = parameters.get("client_id");
      audit.record(
          AuditEvent.of("authorization.refused")
              .with("client", clientId == null || clientId.size() != 1 ? null : clientId.get(0))
              .with("outcome", failure.error())
              .with("description", failure.description())
              .with("shown_to_citizen", failure.redirectTo().isEmpty()));
      if (failure.redirectTo().isEmpty()) {
        return errorPages.page(
            400, LoginTexts.of(Optional.empty(), acceptLanguage), "error.unknown_client");
      }
      return clientReturn.error(
          failure.redirectTo().get(),
          failure.state(),
          new ErrorObject(failure.error(), ErrorDescription.of(failure.description())));
    }
    ValidatedAuthorization request = ((AuthorizationRequestValidator.Accepted) result).request();
    BrowserBoundLogins.Begun begun =
        logins.begin(headers, request.login(), request.channel(), acceptLanguage);
    LoginFlow flow = begun.flow();
    // The login is stored before the pushed request is used up: a failure in between leaves the
    // request for the browser's next try. A login that lost the use to another is never shown.
    if (pushedRequest.isPresent()
        && !pushed.use(uri.getQueryParameters().getFirst("request_uri"), pushedRequest.get())) {
      return refusedRequestUri(acceptLanguage);
    }
    audit.record(
        AuditEvent.of("authorization.accepted")
            .with("flow", flow.id())
            .with("client", request.client().id())
            .with("countries", request.countries().stream().map(c -> c.alpha2()).toList())
            .with("minimum_level", request.minimumLevel().uri())
            .with("force_login", request.forceLogin()));
    return Pages.secured(Response.seeOther(issuer.resolve("/login/" + flow.id())))
        .cookie(begun.cookie())
        .build();
  }

  private Response refusedRequestUri(String acceptLanguage) {
    audit.record(AuditEvent.of("authorization.refused").with("outcome", "invalid_request_uri"));
    return errorPages.page(400, LoginTexts.of(Optional.empty(), acceptLanguage), "error.expired");
  }
}
