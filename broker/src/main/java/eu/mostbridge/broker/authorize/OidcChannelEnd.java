package eu.mostbridge.broker.authorize;

import com.nimbusds.oauth2.sdk.ErrorObject;
import eu.mostbridge.broker.flow.ChannelEnd;
import eu.mostbridge.broker.flow.LoginFlow;
import eu.mostbridge.broker.flow.LoginRefusal;
import eu.mostbridge.broker.flow.OidcReturn;
import eu.mostbridge.broker.flow.ReturnChannel;
import eu.mostbridge.broker.token.CodeGrant;
import eu.mostbridge.identity.CommonIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

/** Ends an OpenID Connect login: a code, or an error, to the client's redirect URI. */
@ApplicationScoped
public class OidcChannelEnd implements ChannelEnd {
  private final CodeGrant grant;
  private final ClientReturn clientReturn;

  public OidcChannelEnd(CodeGrant grant, ClientReturn clientReturn) {
    this.grant = grant;
    this.clientReturn = clientReturn;
  }

  @Override
  public Class<? extends ReturnChannel> channel() {
    return OidcReturn.class;
  }

  @Override
  public Response prepare(LoginFlow flow, CommonIdentity identity, String method) {
    OidcReturn oidc = (OidcReturn) flow.channel();
    String code =
        grant.issue(
            oidc.client().id(),
            oidc.redirectUri(),
            oidc.codeChallenge(),
            oidc.nonce(),
            identity,
            method,
            oidc.claims(),
            oidc.scope());
    return clientReturn.code(oidc.redirectUri(), oidc.state(), code);
  }

  @Override
  public Response refuse(LoginFlow flow, LoginRefusal refusal) {
    OidcReturn oidc = (OidcReturn) flow.channel();
    // The reason's outcome is OpenID Connect's error code for it: what the audit records is what
    // the relying party receives.
    return clientReturn.error(
        oidc.redirectUri(),
        oidc.state(),
        new ErrorObject(refusal.reason().outcome(), refusal.description()));
  }
}
