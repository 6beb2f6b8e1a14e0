package eu.mostbridge.eidas.network;

import eu.mostbridge.saml.AuthnRequestFactory;
import eu.mostbridge.saml.IdentityProviderPeer;
import eu.mostbridge.saml.SamlMessages;
import eu.mostbridge.saml.eidas.ConnectorIdentity;
import eu.mostbridge.saml.eidas.EidasLevel;
import eu.mostbridge.saml.eidas.EidasNames;
import eu.mostbridge.saml.eidas.EidasNames.NaturalPersonAttribute;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.xml.namespace.QName;
import org.opensaml.core.xml.XMLObject;
import org.opensaml.core.xml.schema.XSAny;
import org.opensaml.saml.saml2.core.AuthnContextClassRef;
import org.opensaml.saml.saml2.core.AuthnContextComparisonTypeEnumeration;
import org.opensaml.saml.saml2.core.AuthnRequest;
import org.opensaml.saml.saml2.core.RequestedAuthnContext;
import org.opensaml.saml.saml2.core.RequesterID;
import org.opensaml.saml.saml2.core.Scoping;

/**
 * The AuthnRequest Most's connector sends a ProxyService, per the eIDAS SAML Message Format v1.4:
 * {@code ForceAuthn="true"} and {@code IsPassive="false"} written out, no
 * AssertionConsumerServiceURL and no ProtocolBinding (the ProxyService answers at the one in Most's
 * metadata), {@code eidas:RequestedAttributes} with the minimum data set required and the optional
 * natural-person attributes Most maps asked for, no SPType (the metadata publishes it), the level
 * {@code minimum} for a notified scheme or {@code exact} for one that is not, and {@code
 * Scoping/RequesterID} naming the relying party (by its stable client id; one longer than the
 * profile's 1024 characters is left out) only where the ProxyService asks for it.
 */
final class EidasRequests {
  /** The profile's bound on RequesterID. */
  static final int MAX_REQUESTER_ID = 1024;

  private EidasRequests() {}

  static AuthnRequest build(
      ConnectorIdentity connector,
      IdentityProviderPeer destination,
      String id,
      Instant now,
      EidasLevel level,
      Optional<String> requesterId) {
    RequestedAuthnContext context =
        SamlMessages.build(RequestedAuthnContext.DEFAULT_ELEMENT_NAME, RequestedAuthnContext.class);
    context.setComparison(
        level.notified()
            ? AuthnContextComparisonTypeEnumeration.MINIMUM
            : AuthnContextComparisonTypeEnumeration.EXACT);
    AuthnContextClassRef ref =
        SamlMessages.build(AuthnContextClassRef.DEFAULT_ELEMENT_NAME, AuthnContextClassRef.class);
    ref.setURI(level.uri());
    context.getAuthnContextClassRefs().add(ref);
    AuthnRequest request =
        AuthnRequestFactory.create(
            connector.serviceProvider(),
            destination,
            id,
            now,
            true,
            Optional.empty(),
            List.<XMLObject>of(requestedAttributes()),
            Optional.of(context));
    request.setAssertionConsumerServiceURL(null);
    request.setProtocolBinding(null);
    request.setForceAuthn(Boolean.TRUE);
    request.setIsPassive(Boolean.FALSE);
    requesterId
        .map(String::strip)
        .filter(name -> !name.isEmpty() && name.length() <= MAX_REQUESTER_ID)
        .ifPresent(
            name -> {
              Scoping scoping = SamlMessages.build(Scoping.DEFAULT_ELEMENT_NAME, Scoping.class);
              RequesterID requester =
                  SamlMessages.build(RequesterID.DEFAULT_ELEMENT_NAME, RequesterID.class);
              requester.setURI(name);
              scoping.getRequesterIDs().add(requester);
              request.setScoping(scoping);
            });
    return request;
  }

  private static XSAny requestedAttributes() {
    XSAny all =
        SamlMessages.buildAny(
            new QName(
                EidasNames.EXTENSIONS_NS, "RequestedAttributes", EidasNames.EXTENSIONS_PREFIX));
    for (NaturalPersonAttribute attribute : EidasAnswers.REQUESTED) {
      XSAny one =
          SamlMessages.buildAny(
              new QName(
                  EidasNames.EXTENSIONS_NS, "RequestedAttribute", EidasNames.EXTENSIONS_PREFIX));
      one.getUnknownAttributes().put(new QName("Name"), attribute.uri());
      one.getUnknownAttributes().put(new QName("FriendlyName"), attribute.friendlyName());
      one.getUnknownAttributes().put(new QName("NameFormat"), EidasNames.URI_NAME_FORMAT);
      one.getUnknownAttributes()
          .put(new QName("isRequired"), String.valueOf(attribute.minimumDataSet()));
      all.getUnknownXMLObjects().add(one);
    }
    return all;
  }
}
