package eu.mostbridge.broker.token;

import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import eu.mostbridge.broker.audit.AuditEvent;
import eu.mostbridge.broker.audit.AuditLog;
import eu.mostbridge.broker.audit.LoginMetrics;
import eu.mostbridge.broker.client.ClientRegistration;
import eu.mostbridge.broker.config.BrokerConfig;
import eu.mostbridge.broker.config.IssuerUrl;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The token endpoint, authorization code grant only, as a pipeline: parse the form (no parameter
 * twice), authenticate the client ({@link ClientAuthenticator}), redeem the code ({@link
 * CodeGrant#redeem}: issued to this client, unexpired, same redirect URI, PKCE S256 verifier,
 * once), answer with the ID token and the access token for userinfo, or with the grant's {@link
 * TokenError}. No refresh tokens: a cross-border login is a one-off identification.
 */
@Path("/token")
public class TokenEndpoint {
  private final ClientAuthenticator authenticator;
  private final CodeGrant grant;
  private final AuditLog audit;
  private final LoginMetrics metrics;
  private final URI endpoint;

  public TokenEndpoint(
      ClientAuthenticator authenticator,
      CodeGrant grant,
      AuditLog audit,
      LoginMetrics metrics,
      BrokerConfig config) {
    this.authenticator = authenticator;
    this.grant = grant;
    this.audit = audit;
    this.metrics = metrics;
    this.endpoint = IssuerUrl.of(config).resolve("/token");
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.APPLICATION_JSON)
  public Response token(String body, @HeaderParam("Authorization") String authorization) {
    long started = System.nanoTime();
    Optional<String> clientId = Optional.empty();
    try {
      Map<String, List<String>> form = ClientAuthenticator.form(body);
      ClientRegistration client = authenticator.authenticate(form, body, authorization, endpoint);
      clientId = Optional.of(client.id());
      if (!CodeGrant.single(form, "grant_type").equals(Optional.of("authorization_code"))) {
        throw new TokenError(
            OAuth2Error.UNSUPPORTED_GRANT_TYPE.setDescription(
                "Only grant_type=authorization_code is supported"),
            400);
      }
      CodeGrant.Issued issued = grant.redeem(client, form);
      audit.record(
          AuditEvent.of("token.issued")
              .with("client", client.id())
              .with("national_eid", issued.method()));
      metrics.leg("token", Duration.ofNanos(System.nanoTime() - started));
      OIDCTokenResponse response =
          new OIDCTokenResponse(
              new OIDCTokens(
                  issued.idToken(),
                  new BearerAccessToken(
                      issued.accessToken(),
                      issued.lifetime().toSeconds(),
                      Scope.parse(issued.scope())),
                  null));
      return noStore(Response.ok(response.toJSONObject().toJSONString())).build();
    } catch (TokenError e) {
      audit.record(
          AuditEvent.of("token.refused")
              .with("client", clientId.orElse(null))
              .with("outcome", e.error().getCode())
              .with("description", e.error().getDescription()));
      Response.ResponseBuilder refused =
          noStore(Response.status(e.status()))
              .entity(new TokenErrorResponse(e.error()).toJSONObject().toJSONString());
      if (e.status() == 401) {
        refused.header("WWW-Authenticate", "Basic realm=\"most\"");
      }
      return refused.build();
    }
  }

  private static Response.ResponseBuilder noStore(Response.ResponseBuilder builder) {
    return builder
        .type(MediaType.APPLICATION_JSON_TYPE)
        .header("Cache-Control", "no-store")
        .header("Pragma", "no-cache");
  }
}
