package eu.mostbridge.saml;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.opensaml.core.xml.XMLObject;
import org.opensaml.saml.common.SAMLVersion;
import org.opensaml.saml.common.xml.SAMLConstants;
import org.opensaml.saml.saml2.core.AuthnRequest;
import org.opensaml.saml.saml2.core.Extensions;
import org.opensaml.saml.saml2.core.Issuer;
import org.opensaml.saml.saml2.core.NameIDPolicy;
import org.opensaml.saml.saml2.core.RequestedAuthnContext;

/**
 * Builds the AuthnRequest Most sends to an identity provider: our Issuer, the IdP's SSO URL as
 * Destination, our ACS with the HTTP-POST binding for the answer, and whatever a national profile
 * adds ({@code samlp:Extensions} content such as eAuth's RequestedService, or an eIDAS
 * RequestedAuthnContext).
 */
public final class AuthnRequestFactory {
  private AuthnRequestFactory() {}

  /**
   * A new, unsigned AuthnRequest.
   *
   * @param id the request ID, later expected as InResponseTo ({@link SamlMessages#newId()})
   * @param forceAuthn true to make the IdP authenticate again
   * @param nameIdFormat the NameIDPolicy format, or empty for none
   * @param extensions elements to carry in {@code samlp:Extensions}; none for no Extensions
   * @param authnContext the RequestedAuthnContext, or empty
   */
  public static AuthnRequest create(
      ServiceProviderIdentity sp,
      IdentityProviderPeer idp,
      String id,
      Instant now,
      boolean forceAuthn,
      Optional<String> nameIdFormat,
      List<XMLObject> extensions,
      Optional<RequestedAuthnContext> authnContext) {
    AuthnRequest request =
        SamlMessages.build(AuthnRequest.DEFAULT_ELEMENT_NAME, AuthnRequest.class);
    request.setID(id);
    request.setVersion(SAMLVersion.VERSION_20);
    request.setIssueInstant(now);
    request.setDestination(idp.singleSignOnService().toString());
    request.setAssertionConsumerServiceURL(sp.assertionConsumerService().toString());
    request.setProtocolBinding(SAMLConstants.SAML2_POST_BINDING_URI);
    request.setForceAuthn(forceAuthn);
    Issuer issuer = SamlMessages.build(Issuer.DEFAULT_ELEMENT_NAME, Issuer.class);
    issuer.setValue(sp.entityId());
    request.setIssuer(issuer);
    nameIdFormat.ifPresent(
        format -> {
          NameIDPolicy policy =
              SamlMessages.build(NameIDPolicy.DEFAULT_ELEMENT_NAME, NameIDPolicy.class);
          policy.setFormat(format);
          policy.setAllowCreate(true);
          request.setNameIDPolicy(policy);
        });
    if (!extensions.isEmpty()) {
      Extensions container = SamlMessages.build(Extensions.DEFAULT_ELEMENT_NAME, Extensions.class);
      container.getUnknownXMLObjects().addAll(extensions);
      request.setExtensions(container);
    }
    authnContext.ifPresent(request::setRequestedAuthnContext);
    return request;
  }
}
