package eu.mostbridge.simulator.saml;

import eu.mostbridge.simulator.Persona;
import eu.mostbridge.simulator.SimulatorKeys;
import eu.mostbridge.simulator.xml.EnvelopedSignature;
import eu.mostbridge.simulator.xml.Xml;
import eu.mostbridge.simulator.xml.XmlEncryption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Set;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes a simulated IdP's SAML answers: its profile's attributes, signed, optionally encrypted, or
 * faulty.
 */
final class SamlResponseWriter {
  private static final String SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol";
  private static final String SAML = "urn:oasis:names:tc:SAML:2.0:assertion";
  private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
  private static final String XS = "http://www.w3.org/2001/XMLSchema";
  private static final String XMLNS = "http://www.w3.org/2000/xmlns/";
  private static final String URI_FORMAT = "urn:oasis:names:tc:SAML:2.0:attrname-format:uri";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SamlIdpSettings settings;
  private final SamlIdpProfile profile;
  private final SimulatorKeys signingKeys;
  private final SimulatorKeys strangerKeys;

  SamlResponseWriter(SamlIdpSettings settings, SamlIdpProfile profile, SimulatorKeys signingKeys) {
    this.settings = settings;
    this.profile = profile;
    this.signingKeys = signingKeys;
    this.strangerKeys = SimulatorKeys.rsa("Not the eAuth key");
  }

  /** A successful answer logging in {@code persona}, or an error answer if so misbehaving. */
  byte[] success(ReceivedRequest request, Persona persona, Set<SamlMisbehaviour> faults) {
    if (faults.contains(SamlMisbehaviour.ERROR_STATUS)) {
      // eAuth answers its errors so too, with a message that is not a cancel.
      return error(
          request,
          "urn:oasis:names:tc:SAML:2.0:status:AuthnFailed",
          java.util.Optional.of("Грешка от сървъра!"),
          faults);
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Instant issued =
        faults.contains(SamlMisbehaviour.EXPIRED) ? now.minus(Duration.ofMinutes(20)) : now;
    Instant until = issued.plus(Duration.ofMinutes(5));
    String destination =
        faults.contains(SamlMisbehaviour.WRONG_DESTINATION)
            ? "https://wrong.example/acs"
            : request.serviceProvider().assertionConsumerService();
    String inResponseTo =
        faults.contains(SamlMisbehaviour.WRONG_IN_RESPONSE_TO) ? newId() : request.id();

    Document document = Xml.newDocument();
    Element response = responseElement(document, issued, destination, inResponseTo);
    Element status = Xml.child(response, SAMLP, "saml2p:Status");
    Xml.child(status, SAMLP, "saml2p:StatusCode")
        .setAttribute("Value", "urn:oasis:names:tc:SAML:2.0:status:Success");

    // In the document before signing: the signature's reference is resolved by ID within it.
    Element assertion = Xml.child(response, SAML, "saml2:Assertion");
    // Explicit declarations: canonicalisation reads them from the DOM, a parser from the text.
    assertion.setAttributeNS(XMLNS, "xmlns:saml2", SAML);
    assertion.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:xs", XS);
    assertion.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:xsi", XSI);
    assertion.setAttribute("ID", newId());
    assertion.setAttribute("Version", "2.0");
    assertion.setAttribute("IssueInstant", issued.toString());
    Element issuer = Xml.child(assertion, SAML, "saml2:Issuer", settings.entityId());
    Element subject = Xml.child(assertion, SAML, "saml2:Subject");
    Element nameId = Xml.child(subject, SAML, "saml2:NameID", newId());
    nameId.setAttribute("Format", "urn:oasis:names:tc:SAML:2.0:nameid-format:transient");
    Element confirmation = Xml.child(subject, SAML, "saml2:SubjectConfirmation");
    confirmation.setAttribute("Method", "urn:oasis:names:tc:SAML:2.0:cm:bearer");
    Element data = Xml.child(confirmation, SAML, "saml2:SubjectConfirmationData");
    data.setAttribute("InResponseTo", inResponseTo);
    data.setAttribute("NotOnOrAfter", until.toString());
    data.setAttribute("Recipient", destination);
    Element conditions = Xml.child(assertion, SAML, "saml2:Conditions");
    conditions.setAttribute("NotBefore", issued.minusSeconds(5).toString());
    conditions.setAttribute("NotOnOrAfter", until.toString());
    Element restriction = Xml.child(conditions, SAML, "saml2:AudienceRestriction");
    Xml.child(
        restriction,
        SAML,
        "saml2:Audience",
        faults.contains(SamlMisbehaviour.WRONG_AUDIENCE)
            ? "urn:wrong:audience"
            : request.serviceProvider().entityId());
    Element authn = Xml.child(assertion, SAML, "saml2:AuthnStatement");
    authn.setAttribute("AuthnInstant", issued.minusSeconds(1).toString());
    authn.setAttribute("SessionIndex", newId());
    Element context = Xml.child(authn, SAML, "saml2:AuthnContext");
    Xml.child(
        context, SAML, "saml2:AuthnContextClassRef", profile.authnContextClassRef(request.level()));
    Element statement = Xml.child(assertion, SAML, "saml2:AttributeStatement");
    profile.attributes(persona, faults).forEach((name, value) -> attribute(statement, name, value));

    if (!faults.contains(SamlMisbehaviour.UNSIGNED)) {
      SimulatorKeys signer =
          faults.contains(SamlMisbehaviour.WRONG_SIGNING_KEY) ? strangerKeys : signingKeys;
      EnvelopedSignature.sign(
          assertion,
          issuer.getNextSibling(),
          signer.privateKey(),
          signer.certificate(),
          settings.signatureAlgorithm(),
          EnvelopedSignature.digestFor(settings.signatureAlgorithm()));
    }
    if (settings.encryptAssertions()) {
      Element encrypted = document.createElementNS(SAML, "saml2:EncryptedAssertion");
      encrypted.appendChild(
          XmlEncryption.encrypt(
              document,
              Xml.toBytes(assertion),
              request.serviceProvider().encryptionCertificate(),
              settings.dataEncryption(),
              settings.keyTransport()));
      response.replaceChild(encrypted, assertion);
    }
    if (settings.signResponse() && !faults.contains(SamlMisbehaviour.UNSIGNED)) {
      SimulatorKeys signer =
          faults.contains(SamlMisbehaviour.WRONG_SIGNING_KEY) ? strangerKeys : signingKeys;
      // Re-read what was built, so every namespace declaration is an attribute canonicalisation
      // sees.
      Element reparsed = reparse(response);
      Element responseIssuer = Xml.first(reparsed, SAML, "Issuer");
      EnvelopedSignature.sign(
          reparsed,
          responseIssuer.getNextSibling(),
          signer.privateKey(),
          signer.certificate(),
          settings.signatureAlgorithm(),
          EnvelopedSignature.digestFor(settings.signatureAlgorithm()));
      return Xml.toBytes(reparsed);
    }
    return Xml.toBytes(document.getDocumentElement());
  }

  /** An answer without assertion: the citizen cancelled, or authentication failed. */
  byte[] error(
      ReceivedRequest request,
      String secondLevelStatus,
      java.util.Optional<String> message,
      Set<SamlMisbehaviour> faults) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Document document = Xml.newDocument();
    Element response =
        responseElement(
            document, now, request.serviceProvider().assertionConsumerService(), request.id());
    Element status = Xml.child(response, SAMLP, "saml2p:Status");
    Element top = Xml.child(status, SAMLP, "saml2p:StatusCode");
    top.setAttribute("Value", "urn:oasis:names:tc:SAML:2.0:status:Responder");
    Xml.child(top, SAMLP, "saml2p:StatusCode").setAttribute("Value", secondLevelStatus);
    message.ifPresent(text -> Xml.child(status, SAMLP, "saml2p:StatusMessage", text));
    return Xml.toBytes(document.getDocumentElement());
  }

  private Element responseElement(
      Document document, Instant issued, String destination, String inResponseTo) {
    Element response = document.createElementNS(SAMLP, "saml2p:Response");
    response.setAttributeNS(XMLNS, "xmlns:saml2p", SAMLP);
    response.setAttributeNS(XMLNS, "xmlns:saml2", SAML);
    document.appendChild(response);
    response.setAttribute("ID", newId());
    response.setAttribute("Version", "2.0");
    response.setAttribute("IssueInstant", issued.toString());
    response.setAttribute("Destination", destination);
    response.setAttribute("InResponseTo", inResponseTo);
    Xml.child(response, SAML, "saml2:Issuer", settings.entityId());
    return response;
  }

  private static void attribute(Element statement, String name, String value) {
    Element attribute = Xml.child(statement, SAML, "saml2:Attribute");
    attribute.setAttribute("Name", name);
    attribute.setAttribute("NameFormat", URI_FORMAT);
    Element attributeValue = Xml.child(attribute, SAML, "saml2:AttributeValue", value);
    attributeValue.setAttributeNS(XSI, "xsi:type", "xs:string");
  }

  private static Element reparse(Element element) {
    try {
      return Xml.parse(Xml.toBytes(element)).getDocumentElement();
    } catch (org.xml.sax.SAXException | java.io.IOException e) {
      throw new IllegalStateException("The simulator cannot re-read its own response", e);
    }
  }

  private static String newId() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return "_" + HexFormat.of().formatHex(bytes);
  }
}
