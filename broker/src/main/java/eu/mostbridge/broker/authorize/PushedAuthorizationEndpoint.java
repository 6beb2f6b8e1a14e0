package eu.mostbridge.broker.authorize;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.PushedAuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import eu.mostbridge.broker.audit.AuditEvent;
import eu.mostbridge.broker.audit.AuditLog;
import eu.mostbridge.broker.client.ClientRegistration;
import eu.mostbridge.broker.config.BrokerConfig;
import eu.mostbridge.broker.config.IssuerUrl;
import eu.mostbridge.broker.flow.PushedRequests;
import eu.mostbridge.broker.token.ClientAuthenticator;
import eu.mostbridge.broker.token.ErrorDescription;
import eu.mostbridge.broker.token.TokenError;
import eu.mostbridge.broker.web.RandomTokens;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pushed authorization requests (RFC 9126): the client authenticates and sends the authorization
 * request over the back channel; it is validated with the same rules as at {@code /authorize}, then
 * kept for 60 s under a one-time {@code request_uri} the browser carries instead.
 */
@Path("/par")
public class PushedAuthorizationEndpoint {
  private final Clock clock;

  /** How long a pushed request waits for the browser. */
  public static final Duration LIFETIME = Duration.ofSeconds(60);

  static final String REQUEST_URI_PREFIX = "urn:ietf:params:oauth:request_uri:";
  private static final Set<String> CLIENT_AUTHENTICATION =
      Set.of("client_secret", "client_assertion", "client_assertion_type");

  private final ClientAuthenticator authenticator;
  private final AuthorizationRequestValidator validator;
  private final PushedRequests pushed;
  private final AuditLog audit;
  private final URI endpoint;

  public PushedAuthorizationEndpoint(
      ClientAuthenticator authenticator,
      AuthorizationRequestValidator validator,
      PushedRequests pushed,
      AuditLog audit,
      BrokerConfig config,
      Clock clock) {
    this.clock = clock;
    this.authenticator = authenticator;
    this.validator = validator;
    this.pushed = pushed;
    this.audit = audit;
    this.endpoint = IssuerUrl.of(config).resolve("/par");
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.APPLICATION_JSON)
  public Response push(String body, @HeaderParam("Authorization") String authorization) {
    String clientId = null;
    try {
      Map<String, List<String>> form = ClientAuthenticator.form(body);
      ClientRegistration client = authenticator.authenticate(form, body, authorization, endpoint);
      clientId = client.id();
      if (form.containsKey("request_uri")) {
        throw new TokenError(
            OAuth2Error.INVALID_REQUEST.setDescription("request_uri cannot be pushed"), 400);
      }
      Map<String, List<String>> parameters = new LinkedHashMap<>(form);
      parameters.keySet().removeAll(CLIENT_AUTHENTICATION);
      parameters.put("client_id", List.of(client.id()));
      AuthorizationRequestValidator.Result result = validator.validate(parameters);
      if (result instanceof AuthorizationRequestValidator.Refused refused) {
        AuthorizationFailure failure = refused.failure();
        throw new TokenError(
            new ErrorObject(failure.error(), ErrorDescription.of(failure.description())), 400);
      }
      String requestUri = REQUEST_URI_PREFIX + RandomTokens.next();
      pushed.push(
          requestUri,
          new PushedRequests.Pushed(
              client.id(),
              AuthorizationRequestValidator.kept(parameters),
              clock.instant().plus(LIFETIME)),
          LIFETIME);
      audit.record(AuditEvent.of("par.accepted").with("client", client.id()));
      return Response.status(201)
          .type(MediaType.APPLICATION_JSON_TYPE)
          .header("Cache-Control", "no-store")
          .entity(
              new PushedAuthorizationSuccessResponse(URI.create(requestUri), LIFETIME.toSeconds())
                  .toJSONObject()
                  .toJSONString())
          .build();
    } catch (TokenError e) {
      audit.record(
          AuditEvent.of("par.refused")
              .with("client", clientId)
              .with("outcome", e.error().getCode())
              .with("description", e.error().getDescription()));
      Response.ResponseBuilder refused =
          Response.status(e.status())
              .type(MediaType.APPLICATION_JSON_TYPE)
              .header("Cache-Control", "no-store")
              .entity(new TokenErrorResponse(e.error()).toJSONObject().toJSONString());
      if (e.status() == 401) {
        refused.header("WWW-Authenticate", "Basic realm=\"most\"");
      }
      return refused.build();
    }
  }
}
