package eu.mostbridge.broker.userinfo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import eu.mostbridge.broker.audit.AuditEvent;
import eu.mostbridge.broker.audit.AuditLog;
import eu.mostbridge.broker.client.ClientRegistration;
import eu.mostbridge.broker.client.ClientRegistry;
import eu.mostbridge.broker.token.AccessGrant;
import eu.mostbridge.broker.token.AccessTokens;
import eu.mostbridge.broker.token.ReleasedClaims;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.Optional;

/**
 * The userinfo endpoint: the same claims as the ID token, for a valid bearer access token sent in
 * the Authorization header (RFC 6750 section 2.1; tokens in the query or form are not accepted).
 */
@Path("/userinfo")
public class UserInfoEndpoint {
  private final Clock clock;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AccessTokens tokens;
  private final ClientRegistry clients;
  private final ReleasedClaims claims;
  private final AuditLog audit;

  public UserInfoEndpoint(
      AccessTokens tokens,
      ClientRegistry clients,
      ReleasedClaims claims,
      AuditLog audit,
      Clock clock) {
    this.clock = clock;
    this.tokens = tokens;
    this.clients = clients;
    this.claims = claims;
    this.audit = audit;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response get(@HeaderParam("Authorization") String authorization) {
    return userInfo(authorization);
  }

  @POST
  @Produces(MediaType.APPLICATION_JSON)
  public Response post(@HeaderParam("Authorization") String authorization) {
    return userInfo(authorization);
  }

  private Response userInfo(String authorization) {
    BearerAccessToken token;
    try {
      token = BearerAccessToken.parse(authorization);
    } catch (ParseException e) {
      return refused("invalid_request", "Send the access token as Authorization: Bearer");
    }
    Optional<AccessGrant> grant = tokens.find(token.getValue());
    if (grant.isEmpty() || !clock.instant().isBefore(grant.get().expiresAt())) {
      return refused("invalid_token", "The access token is unknown, expired or revoked");
    }
    Optional<ClientRegistration> client = clients.find(grant.get().clientId());
    if (client.isEmpty()) {
      return refused("invalid_token", "The access token's client is no longer registered");
    }
    audit.record(
        AuditEvent.of("userinfo.read")
            .with("client", client.get().id())
            .person(claims.auditHandle(grant.get().identity())));
    try {
      return Response.ok(
              JSON.writeValueAsString(
                  claims.all(
                      grant.get().identity(),
                      client.get(),
                      grant.get().method(),
                      grant.get().claims())))
          .type(MediaType.APPLICATION_JSON_TYPE)
          .header("Cache-Control", "no-store")
          .build();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("The claims cannot be written", e);
    }
  }

  private Response refused(String error, String description) {
    audit.record(AuditEvent.of("userinfo.refused").with("outcome", error));
    int status = "invalid_request".equals(error) ? 400 : 401;
    return Response.status(status)
        .header(
            "WWW-Authenticate",
            "Bearer realm=\"most\", error=\""
                + error
                + "\", error_description=\""
                + description
                + "\"")
        .header("Cache-Control", "no-store")
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity("{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}")
        .build();
  }
}
