package eu.mostbridge.bg.eauth;

import eu.mostbridge.identity.LevelOfAssurance;
import eu.mostbridge.saml.AuthnRequestFactory;
import eu.mostbridge.saml.IdentityProviderPeer;
import eu.mostbridge.saml.SamlMessages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.namespace.QName;
import org.opensaml.core.xml.XMLObject;
import org.opensaml.core.xml.schema.XSAny;
import org.opensaml.saml.saml2.core.AuthnRequest;

/**
 * Builds eAuth v2 authentication requests: a SAML AuthnRequest whose {@code samlp:Extensions} carry
 * {@code egovbga:RequestedService} (Service OID, Provider OID, LevelOfAssurance) and, if
 * configured, {@code egovbga:RequestedAttributes}.
 */
public final class EAuthRequestBuilder {
  private final EAuthSettings settings;

  public EAuthRequestBuilder(EAuthSettings settings) {
    this.settings = settings;
  }

  /** An unsigned request to {@code idp} for the service configured at {@code level}. */
  public AuthnRequest build(
      IdentityProviderPeer idp,
      String id,
      Instant now,
      LevelOfAssurance level,
      boolean forceAuthn) {
    List<XMLObject> extensions = new ArrayList<>();
    XSAny service = element("RequestedService");
    service.getUnknownXMLObjects().add(text("Service", settings.serviceOids().get(level)));
    service.getUnknownXMLObjects().add(text("Provider", settings.providerOid()));
    service
        .getUnknownXMLObjects()
        .add(text("LevelOfAssurance", settings.levelNotation().write(level)));
    extensions.add(service);
    if (!settings.requestedAttributes().isEmpty()) {
      XSAny attributes = element("RequestedAttributes");
      for (String name : settings.requestedAttributes()) {
        XSAny attribute = element("RequestedAttribute");
        attribute.getUnknownAttributes().put(new QName("Name"), name);
        attribute.getUnknownAttributes().put(new QName("NameFormat"), EAuthNames.URI_NAME_FORMAT);
        attribute.getUnknownAttributes().put(new QName("isRequired"), "true");
        attributes.getUnknownXMLObjects().add(attribute);
      }
      extensions.add(attributes);
    }
    return AuthnRequestFactory.create(
        settings.sp(), idp, id, now, forceAuthn, Optional.empty(), extensions, Optional.empty());
  }

  private static XSAny element(String localName) {
    return SamlMessages.buildAny(
        new QName(EAuthNames.EXTENSION_NS, localName, EAuthNames.EXTENSION_PREFIX));
  }

  private static XSAny text(String localName, String value) {
    XSAny element = element(localName);
    element.setTextContent(value);
    return element;
  }
}
