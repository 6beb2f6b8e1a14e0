package eu.mostbridge.saml.eidas;

import eu.mostbridge.identity.CommonIdentity;
import eu.mostbridge.saml.AlgorithmPolicy;
import eu.mostbridge.saml.SamlMessages;
import eu.mostbridge.saml.XmlSignatures;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.opensaml.saml.common.SAMLVersion;
import org.opensaml.saml.saml2.core.Assertion;
import org.opensaml.saml.saml2.core.AttributeStatement;
import org.opensaml.saml.saml2.core.Audience;
import org.opensaml.saml.saml2.core.AudienceRestriction;
import org.opensaml.saml.saml2.core.AuthnContext;
import org.opensaml.saml.saml2.core.AuthnContextClassRef;
import org.opensaml.saml.saml2.core.AuthnStatement;
import org.opensaml.saml.saml2.core.Conditions;
import org.opensaml.saml.saml2.core.EncryptedAssertion;
import org.opensaml.saml.saml2.core.Issuer;
import org.opensaml.saml.saml2.core.NameID;
import org.opensaml.saml.saml2.core.NameIDType;
import org.opensaml.saml.saml2.core.Response;
import org.opensaml.saml.saml2.core.Status;
import org.opensaml.saml.saml2.core.StatusCode;
import org.opensaml.saml.saml2.core.StatusMessage;
import org.opensaml.saml.saml2.core.Subject;
import org.opensaml.saml.saml2.core.SubjectConfirmation;
import org.opensaml.saml.saml2.core.SubjectConfirmationData;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes the Responses of an eIDAS identity provider (eIDAS SAML Message Format v1.4): signed, with
 * the Issuer in entity format; on success one EncryptedAssertion holding a signed assertion
 * (Issuer, a NameID of the requested format, a bearer confirmation for the ACS and the request,
 * Conditions for the connector alone, the AuthnStatement with the level reached, the attributes);
 * on refusal a Status with the codes and a message, and no assertion. The assertion is signed, then
 * encrypted, then the Response signed.
 */
public final class EidasResponseWriter {
  /** How long an answer may be used: the EU node's 5 minutes. */
  public static final Duration VALIDITY = Duration.ofMinutes(5);

  private static final String SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";

  private EidasResponseWriter() {}

  /**
   * Whom an answer is for.
   *
   * @param requestId the request's ID, the InResponseTo
   * @param audience the connector's entity ID
   * @param assertionConsumerService where the answer is posted, its Destination and Recipient
   */
  public record Recipient(String requestId, String audience, URI assertionConsumerService) {
    public Recipient {
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(audience, "audience");
      Objects.requireNonNull(assertionConsumerService, "assertionConsumerService");
    }
  }

  /**
   * What a login asserts.
   *
   * @param identity the citizen
   * @param personIdentifier the PersonIdentifier released to this connector
   * @param level the level reached, in the identity provider's family
   * @param attributes the attributes asked for
   * @param nameIdFormat the NameID format asked for
   */
  public record Assertion(
      CommonIdentity identity,
      String personIdentifier,
      EidasLevel level,
      Set<EidasNames.NaturalPersonAttribute> attributes,
      String nameIdFormat) {}

  /** A signed Response with one encrypted assertion, as UTF-8 XML. */
  public static byte[] success(
      ProxyServiceIdentity idp,
      Recipient recipient,
      Assertion asserted,
      ConnectorPeer.EncryptionKey encryptTo,
      String keyTransport,
      Instant now) {
    org.opensaml.saml.saml2.core.Assertion assertion = assertion(idp, recipient, asserted, now);
    SamlMessages.sign(assertion, idp.signing(), idp.signatureAlgorithm(), AlgorithmPolicy.SHA256);
    Element signedAssertion = SamlMessages.marshal(assertion);

    Response response = response(idp, recipient, now, status(SUCCESS, Optional.empty(), null));
    response
        .getEncryptedAssertions()
        .add(SamlMessages.build(EncryptedAssertion.DEFAULT_ELEMENT_NAME, EncryptedAssertion.class));
    Document document = newDocument();
    Element root = (Element) document.importNode(SamlMessages.marshal(response), true);
    document.appendChild(root);
    Element container =
        (Element)
            root.getElementsByTagNameNS(
                    EncryptedAssertion.DEFAULT_ELEMENT_NAME.getNamespaceURI(),
                    EncryptedAssertion.DEFAULT_ELEMENT_NAME.getLocalPart())
                .item(0);
    Element imported = (Element) document.importNode(signedAssertion, true);
    container.appendChild(imported);
    AssertionEncryption.encrypt(document, imported, encryptTo.certificate(), keyTransport);
    return signed(root, idp);
  }

  /** A signed Response refusing the request, as UTF-8 XML. */
  public static byte[] failure(
      ProxyServiceIdentity idp,
      Recipient recipient,
      String statusCode,
      Optional<String> subStatusCode,
      String message,
      Instant now) {
    Response response = response(idp, recipient, now, status(statusCode, subStatusCode, message));
    Document document = newDocument();
    Element root = (Element) document.importNode(SamlMessages.marshal(response), true);
    document.appendChild(root);
    return signed(root, idp);
  }

  private static byte[] signed(Element built, ProxyServiceIdentity idp) {
    // Signed as it will be read: parsed from its text, so that every namespace the encryption
    // left undeclared in the DOM is declared where exclusive C14N looks for it.
    Element root = reparsed(built);
    Element issuer =
        (Element)
            root.getElementsByTagNameNS(
                    Issuer.DEFAULT_ELEMENT_NAME.getNamespaceURI(),
                    Issuer.DEFAULT_ELEMENT_NAME.getLocalPart())
                .item(0);
    XmlSignatures.signEnveloped(
        root, issuer.getNextSibling(), idp.signing(), idp.signatureAlgorithm());
    return SamlMessages.toBytes(root);
  }

  private static Response response(
      ProxyServiceIdentity idp, Recipient recipient, Instant now, Status status) {
    Response response = SamlMessages.build(Response.DEFAULT_ELEMENT_NAME, Response.class);
    response.setID(SamlMessages.newId());
    response.setVersion(SAMLVersion.VERSION_20);
    response.setIssueInstant(now);
    response.setDestination(recipient.assertionConsumerService().toString());
    response.setInResponseTo(recipient.requestId());
    response.setConsent("urn:oasis:names:tc:SAML:2.0:consent:obtained");
    response.setIssuer(issuer(idp));
    response.setStatus(status);
    return response;
  }

  private static Issuer issuer(ProxyServiceIdentity idp) {
    Issuer issuer = SamlMessages.build(Issuer.DEFAULT_ELEMENT_NAME, Issuer.class);
    issuer.setFormat(NameIDType.ENTITY);
    issuer.setValue(idp.entityId());
    return issuer;
  }

  private static Status status(String code, Optional<String> subCode, String message) {
    Status status = SamlMessages.build(Status.DEFAULT_ELEMENT_NAME, Status.class);
    StatusCode top = SamlMessages.build(StatusCode.DEFAULT_ELEMENT_NAME, StatusCode.class);
    top.setValue(code);
    subCode.ifPresent(
        value -> {
          StatusCode second = SamlMessages.build(StatusCode.DEFAULT_ELEMENT_NAME, StatusCode.class);
          second.setValue(value);
          top.setStatusCode(second);
        });
    status.setStatusCode(top);
    if (message != null) {
      StatusMessage text =
          SamlMessages.build(StatusMessage.DEFAULT_ELEMENT_NAME, StatusMessage.class);
      text.setValue(message);
      status.setStatusMessage(text);
    }
    return status;
  }

  private static org.opensaml.saml.saml2.core.Assertion assertion(
      ProxyServiceIdentity idp, Recipient recipient, Assertion asserted, Instant now) {
    org.opensaml.saml.saml2.core.Assertion assertion =
        SamlMessages.build(
            org.opensaml.saml.saml2.core.Assertion.DEFAULT_ELEMENT_NAME,
            org.opensaml.saml.saml2.core.Assertion.class);
    assertion.setID(SamlMessages.newId());
    assertion.setVersion(SAMLVersion.VERSION_20);
    assertion.setIssueInstant(now);
    assertion.setIssuer(issuer(idp));

    Subject subject = SamlMessages.build(Subject.DEFAULT_ELEMENT_NAME, Subject.class);
    NameID nameId = SamlMessages.build(NameID.DEFAULT_ELEMENT_NAME, NameID.class);
    nameId.setFormat(asserted.nameIdFormat());
    nameId.setNameQualifier(idp.entityId());
    nameId.setValue(
        NameIDType.TRANSIENT.equals(asserted.nameIdFormat())
            ? SamlMessages.newId()
            : asserted.personIdentifier());
    subject.setNameID(nameId);
    SubjectConfirmation confirmation =
        SamlMessages.build(SubjectConfirmation.DEFAULT_ELEMENT_NAME, SubjectConfirmation.class);
    confirmation.setMethod(SubjectConfirmation.METHOD_BEARER);
    SubjectConfirmationData data =
        SamlMessages.build(
            SubjectConfirmationData.DEFAULT_ELEMENT_NAME, SubjectConfirmationData.class);
    data.setRecipient(recipient.assertionConsumerService().toString());
    data.setInResponseTo(recipient.requestId());
    data.setNotOnOrAfter(now.plus(VALIDITY));
    confirmation.setSubjectConfirmationData(data);
    subject.getSubjectConfirmations().add(confirmation);
    assertion.setSubject(subject);

    Conditions conditions = SamlMessages.build(Conditions.DEFAULT_ELEMENT_NAME, Conditions.class);
    conditions.setNotBefore(now);
    conditions.setNotOnOrAfter(now.plus(VALIDITY));
    AudienceRestriction restriction =
        SamlMessages.build(AudienceRestriction.DEFAULT_ELEMENT_NAME, AudienceRestriction.class);
    Audience audience = SamlMessages.build(Audience.DEFAULT_ELEMENT_NAME, Audience.class);
    audience.setURI(recipient.audience());
    restriction.getAudiences().add(audience);
    conditions.getAudienceRestrictions().add(restriction);
    assertion.setConditions(conditions);

    AuthnStatement statement =
        SamlMessages.build(AuthnStatement.DEFAULT_ELEMENT_NAME, AuthnStatement.class);
    statement.setAuthnInstant(asserted.identity().authenticationInstant());
    AuthnContext context =
        SamlMessages.build(AuthnContext.DEFAULT_ELEMENT_NAME, AuthnContext.class);
    AuthnContextClassRef reference =
        SamlMessages.build(AuthnContextClassRef.DEFAULT_ELEMENT_NAME, AuthnContextClassRef.class);
    reference.setURI(asserted.level().uri());
    context.setAuthnContextClassRef(reference);
    statement.setAuthnContext(context);
    assertion.getAuthnStatements().add(statement);

    AttributeStatement attributes =
        SamlMessages.build(AttributeStatement.DEFAULT_ELEMENT_NAME, AttributeStatement.class);
    attributes
        .getAttributes()
        .addAll(
            EidasAttributes.of(
                asserted.identity(), asserted.personIdentifier(), asserted.attributes()));
    assertion.getAttributeStatements().add(attributes);
    return assertion;
  }

  private static Element reparsed(Element element) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory
          .newDocumentBuilder()
          .parse(new java.io.ByteArrayInputStream(SamlMessages.toBytes(element)))
          .getDocumentElement();
    } catch (ParserConfigurationException | org.xml.sax.SAXException | java.io.IOException e) {
      throw new IllegalStateException("Our own Response cannot be read back", e);
    }
  }

  private static Document newDocument() {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
      factory.setNamespaceAware(true);
      return factory.newDocumentBuilder().newDocument();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }
}
