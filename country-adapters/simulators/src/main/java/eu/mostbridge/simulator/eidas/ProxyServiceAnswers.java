package eu.mostbridge.simulator.eidas;

import eu.mostbridge.simulator.Persona;
import eu.mostbridge.simulator.SimulatorKeys;
import eu.mostbridge.simulator.saml.RequestRefused;
import eu.mostbridge.simulator.xml.EnvelopedSignature;
import eu.mostbridge.simulator.xml.Xml;
import eu.mostbridge.simulator.xml.XmlEncryption;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The simulated ProxyService's Responses: the eIDAS natural-person attributes of a persona (Latin
 * first, then the native-script form marked {@code eidas-natural:LatinScript="false"}), the
 * assertion signed and encrypted to the connector (AES-256-GCM, its key agreed by ECDH-ES to an EC
 * encryption certificate or transported by RSA-OAEP to an RSA one), the Response signed; or the
 * faults it is told to commit.
 */
final class ProxyServiceAnswers {
  private static final String NATURAL_NS = "http://eidas.europa.eu/attributes/naturalperson";
  private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
  private static final String URI_FORMAT = "urn:oasis:names:tc:SAML:2.0:attrname-format:uri";
  private static final String SAMLP = ProxyServiceSimulator.SAMLP;
  private static final String SAML = ProxyServiceSimulator.SAML;

  private final ProxyServiceSimulator.Settings settings;
  private final SimulatorKeys signing;

  ProxyServiceAnswers(ProxyServiceSimulator.Settings settings, SimulatorKeys signing) {
    this.settings = settings;
    this.signing = signing;
  }

  /** The citizen cancelled: {@code RequestDenied}, signed, no assertion. */
  byte[] refusal(ProxyServiceSimulator.Received request, Set<ProxyServiceMisbehaviour> faults) {
    Document document = Xml.newDocument();
    Element response = response(document, request, Instant.now());
    Element status = Xml.child(response, SAMLP, "saml2p:Status");
    Element top = Xml.child(status, SAMLP, "saml2p:StatusCode");
    top.setAttribute("Value", "urn:oasis:names:tc:SAML:2.0:status:Responder");
    Xml.child(top, SAMLP, "saml2p:StatusCode")
        .setAttribute("Value", "urn:oasis:names:tc:SAML:2.0:status:RequestDenied");
    Xml.child(status, SAMLP, "saml2p:StatusMessage", "The citizen cancelled");
    return signed(response, !faults.contains(ProxyServiceMisbehaviour.UNSIGNED_RESPONSE));
  }

  byte[] success(
      ProxyServiceSimulator.Received request, Persona persona, Set<ProxyServiceMisbehaviour> faults)
      throws RequestRefused {
    Instant now = Instant.now();
    Instant issued =
        faults.contains(ProxyServiceMisbehaviour.EXPIRED) ? now.minusSeconds(1200) : now;
    Instant until = issued.plusSeconds(300);
    boolean rsa =
        faults.contains(ProxyServiceMisbehaviour.RSA_1_5)
            || faults.contains(ProxyServiceMisbehaviour.RSA_OAEP_MGF1P)
            || faults.contains(ProxyServiceMisbehaviour.RSA_OAEP)
            || request.connector().encryptionKey("EC").isEmpty();
    X509Certificate recipient =
        request
            .connector()
            .encryptionKey(rsa ? "RSA" : "EC")
            .orElseThrow(
                () -> new RequestRefused("The connector publishes no usable encryption key"));
    String keyTransport =
        faults.contains(ProxyServiceMisbehaviour.RSA_1_5)
            ? XmlEncryption.RSA_1_5
            : faults.contains(ProxyServiceMisbehaviour.RSA_OAEP_MGF1P)
                ? XmlEncryption.RSA_OAEP_MGF1P
                : rsa ? XmlEncryption.RSA_OAEP : XmlEncryption.ECDH_ES;
    String dataEncryption =
        faults.contains(ProxyServiceMisbehaviour.TRIPLE_DES)
            ? XmlEncryption.TRIPLEDES_CBC
            : XmlEncryption.AES256_GCM;

    Document document = Xml.newDocument();
    Element response = response(document, request, issued);
    Element status = Xml.child(response, SAMLP, "saml2p:Status");
    Xml.child(status, SAMLP, "saml2p:StatusCode")
        .setAttribute("Value", "urn:oasis:names:tc:SAML:2.0:status:Success");
    int copies = faults.contains(ProxyServiceMisbehaviour.TWO_ASSERTIONS) ? 2 : 1;
    for (int i = 0; i < copies; i++) {
      byte[] assertion = assertion(request, persona, faults, issued, until);
      Element encrypted = Xml.child(response, SAML, "saml2:EncryptedAssertion");
      encrypted.appendChild(
          XmlEncryption.encrypt(document, assertion, recipient, dataEncryption, keyTransport));
    }
    return signed(response, !faults.contains(ProxyServiceMisbehaviour.UNSIGNED_RESPONSE));
  }

  private Element response(Document document, ProxyServiceSimulator.Received request, Instant at) {
    Element response = Xml.child(document, SAMLP, "saml2p:Response");
    response.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:saml2", SAML);
    response.setAttribute("ID", ProxyServiceSimulator.newId());
    response.setAttribute("Version", "2.0");
    response.setAttribute("IssueInstant", at.toString());
    response.setAttribute("Destination", request.connector().assertionConsumerService());
    response.setAttribute("InResponseTo", request.id());
    Element issuer = Xml.child(response, SAML, "saml2:Issuer", settings.entityId());
    issuer.setAttribute("Format", "urn:oasis:names:tc:SAML:2.0:nameid-format:entity");
    return response;
  }

  private byte[] signed(Element response, boolean sign) {
    Element parsed = ProxyServiceSimulator.reparse(response);
    if (sign) {
      EnvelopedSignature.sign(
          parsed,
          Xml.first(parsed, SAML, "Issuer").getNextSibling(),
          signing.privateKey(),
          signing.certificate(),
          ProxyServiceSimulator.signatureAlgorithm(signing),
          "http://www.w3.org/2001/04/xmlenc#sha256");
    }
    return Xml.toBytes(parsed.getOwnerDocument());
  }

  /** The signed assertion, serialised, ready to be encrypted. */
  private byte[] assertion(
      ProxyServiceSimulator.Received request,
      Persona persona,
      Set<ProxyServiceMisbehaviour> faults,
      Instant issued,
      Instant until) {
    Document document = Xml.newDocument();
    Element assertion = Xml.child(document, SAML, "saml2:Assertion");
    assertion.setAttribute("ID", ProxyServiceSimulator.newId());
    assertion.setAttribute("Version", "2.0");
    assertion.setAttribute("IssueInstant", issued.toString());
    Element issuer = Xml.child(assertion, SAML, "saml2:Issuer", settings.entityId());
    issuer.setAttribute("Format", "urn:oasis:names:tc:SAML:2.0:nameid-format:entity");
    String identifier = personIdentifier(request, persona, faults);
    Element subject = Xml.child(assertion, SAML, "saml2:Subject");
    Element nameId = Xml.child(subject, SAML, "saml2:NameID", identifier);
    nameId.setAttribute("Format", "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent");
    Element confirmation = Xml.child(subject, SAML, "saml2:SubjectConfirmation");
    confirmation.setAttribute("Method", "urn:oasis:names:tc:SAML:2.0:cm:bearer");
    Element data = Xml.child(confirmation, SAML, "saml2:SubjectConfirmationData");
    data.setAttribute("InResponseTo", request.id());
    data.setAttribute("NotOnOrAfter", until.toString());
    data.setAttribute("Recipient", request.connector().assertionConsumerService());
    Element conditions = Xml.child(assertion, SAML, "saml2:Conditions");
    conditions.setAttribute("NotBefore", issued.minusSeconds(5).toString());
    conditions.setAttribute("NotOnOrAfter", until.toString());
    Xml.child(
        Xml.child(conditions, SAML, "saml2:AudienceRestriction"),
        SAML,
        "saml2:Audience",
        faults.contains(ProxyServiceMisbehaviour.WRONG_AUDIENCE)
            ? "https://someone-else.example/metadata"
            : request.connector().entityId());
    Element authn = Xml.child(assertion, SAML, "saml2:AuthnStatement");
    authn.setAttribute("AuthnInstant", issued.minusSeconds(1).toString());
    Xml.child(
        Xml.child(authn, SAML, "saml2:AuthnContext"),
        SAML,
        "saml2:AuthnContextClassRef",
        "http://eidas.europa.eu/LoA/" + level(request, faults));
    Element statement = Xml.child(assertion, SAML, "saml2:AttributeStatement");
    attribute(statement, "PersonIdentifier", identifier, null, faults);
    names(statement, persona, faults);
    if (!faults.contains(ProxyServiceMisbehaviour.MISSING_DATE_OF_BIRTH)) {
      LocalDateText date = new LocalDateText(persona);
      attribute(
          statement,
          "DateOfBirth",
          faults.contains(ProxyServiceMisbehaviour.MALFORMED_DATE_OF_BIRTH)
              ? date.national()
              : date.iso(),
          null,
          faults);
    }
    attribute(
        statement,
        "Gender",
        faults.contains(ProxyServiceMisbehaviour.MALFORMED_GENDER)
            ? "F"
            : "male".equals(persona.gender()) ? "Male" : "Female",
        null,
        faults);
    if (persona.placeOfBirth() != null) {
      attribute(statement, "PlaceOfBirth", persona.placeOfBirth(), null, faults);
    }
    Element parsed = ProxyServiceSimulator.reparse(assertion);
    EnvelopedSignature.sign(
        parsed,
        Xml.first(parsed, SAML, "Issuer").getNextSibling(),
        signing.privateKey(),
        signing.certificate(),
        ProxyServiceSimulator.signatureAlgorithm(signing),
        "http://www.w3.org/2001/04/xmlenc#sha256");
    return Xml.toBytes(parsed);
  }

  private String level(
      ProxyServiceSimulator.Received request, Set<ProxyServiceMisbehaviour> faults) {
    if (faults.contains(ProxyServiceMisbehaviour.UNPUBLISHED_LEVEL)) {
      return java.util.stream.Stream.of("low", "substantial", "high")
          .filter(l -> !settings.levels().contains(l))
          .findFirst()
          .orElse("unknown");
    }
    return faults.contains(ProxyServiceMisbehaviour.LOWER_LEVEL)
        ? settings.levels().get(0)
        : request.level();
  }

  private String personIdentifier(
      ProxyServiceSimulator.Received request,
      Persona persona,
      Set<ProxyServiceMisbehaviour> faults) {
    String origin =
        faults.contains(ProxyServiceMisbehaviour.WRONG_PERSON_IDENTIFIER_PREFIX)
            ? ("HR".equals(settings.country()) ? "SI" : "HR")
            : settings.country();
    String destination =
        faults.contains(ProxyServiceMisbehaviour.WRONG_PERSON_IDENTIFIER_DESTINATION)
            ? "BE"
            : request.connector().nodeCountry();
    return origin + "/" + destination + "/" + persona.identifier();
  }

  /**
   * The current names: for a persona whose names are not in Latin script, the Latin form (from its
   * {@code latinName}: the first word given, the rest family) and then the native one.
   */
  private void names(Element statement, Persona persona, Set<ProxyServiceMisbehaviour> faults) {
    boolean nativeScript = !isLatin(persona.familyName() + persona.givenName());
    if (!nativeScript) {
      attribute(statement, "CurrentFamilyName", persona.familyName(), null, faults);
      attribute(statement, "CurrentGivenName", persona.givenName(), null, faults);
      return;
    }
    String latin = persona.latinName() == null ? "" : persona.latinName();
    int space = latin.indexOf(' ');
    String latinGiven = space < 0 ? latin : latin.substring(0, space);
    String latinFamily = space < 0 ? latin : latin.substring(space + 1);
    boolean latinToo = !faults.contains(ProxyServiceMisbehaviour.NO_LATIN_TRANSLITERATION);
    attribute(
        statement,
        "CurrentFamilyName",
        latinToo ? latinFamily : null,
        persona.familyName(),
        faults);
    attribute(
        statement, "CurrentGivenName", latinToo ? latinGiven : null, persona.givenName(), faults);
  }

  private static boolean isLatin(String text) {
    return text.codePoints()
        .filter(Character::isLetter)
        .allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN);
  }

  /** One attribute: its Latin value (if any), then its native one marked non-Latin (if any). */
  private static void attribute(
      Element statement,
      String friendlyName,
      String value,
      String nativeValue,
      Set<ProxyServiceMisbehaviour> faults) {
    Element attribute = Xml.child(statement, SAML, "saml2:Attribute");
    attribute.setAttribute("FriendlyName", friendlyName);
    attribute.setAttribute("Name", NATURAL_NS + "/" + friendlyName);
    attribute.setAttribute("NameFormat", URI_FORMAT);
    if (value != null) {
      value(attribute, friendlyName, value);
    }
    if (nativeValue != null) {
      Element marked = value(attribute, friendlyName, nativeValue);
      if (faults.contains(ProxyServiceMisbehaviour.LATIN_SCRIPT_UNQUALIFIED)) {
        marked.setAttribute("LatinScript", "false");
      } else {
        marked.setAttributeNS(NATURAL_NS, "eidas-natural:LatinScript", "false");
      }
    }
  }

  private static Element value(Element attribute, String friendlyName, String text) {
    Element value = Xml.child(attribute, SAML, "saml2:AttributeValue", text);
    value.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:xsi", XSI);
    value.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:eidas-natural", NATURAL_NS);
    value.setAttributeNS(XSI, "xsi:type", "eidas-natural:" + friendlyName + "Type");
    return value;
  }

  /** A persona's birth date as an xsd:date, or in the dotted form of national registers. */
  private record LocalDateText(Persona persona) {
    String iso() {
      return persona.dateOfBirth().toString();
    }

    String national() {
      return String.format(
          Locale.ROOT,
          "%02d.%02d.%04d",
          persona.dateOfBirth().getDayOfMonth(),
          persona.dateOfBirth().getMonthValue(),
          persona.dateOfBirth().getYear());
    }
  }
}
