package eu.mostbridge.broker.authorize;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationErrorResponse;
import com.nimbusds.oauth2.sdk.AuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import eu.mostbridge.broker.config.BrokerConfig;
import eu.mostbridge.broker.config.IssuerUrl;
import eu.mostbridge.broker.web.Pages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;

/**
 * The browser's way back to the relying party: a 303 to its verified redirect URI with the code or
 * the error, always with {@code state} and {@code iss} (RFC 9207).
 */
@ApplicationScoped
public class ClientReturn {
  private final Issuer issuer;

  public ClientReturn(BrokerConfig config) {
    this.issuer = new Issuer(IssuerUrl.of(config).base());
  }

  public Response error(URI redirectUri, Optional<String> state, ErrorObject error) {
    URI target =
        new AuthorizationErrorResponse(
                redirectUri, error, state.map(State::new).orElse(null), issuer, ResponseMode.QUERY)
            .toURI();
    return Pages.secured(Response.seeOther(target)).build();
  }

  public Response code(URI redirectUri, Optional<String> state, String code) {
    URI target =
        new AuthorizationSuccessResponse(
                redirectUri,
                new AuthorizationCode(code),
                null,
                state.map(State::new).orElse(null),
                issuer,
                ResponseMode.QUERY)
            .toURI();
    return Pages.secured(Response.seeOther(target)).build();
  }
}
