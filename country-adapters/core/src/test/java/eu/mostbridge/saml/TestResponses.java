package eu.mostbridge.saml;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opensaml.core.xml.config.XMLObjectProviderRegistrySupport;
import org.opensaml.core.xml.schema.XSString;
import org.opensaml.saml.common.SAMLVersion;
import org.opensaml.saml.saml2.core.Assertion;
import org.opensaml.saml.saml2.core.Attribute;
import org.opensaml.saml.saml2.core.AttributeStatement;
import org.opensaml.saml.saml2.core.AttributeValue;
import org.opensaml.saml.saml2.core.Audience;
import org.opensaml.saml.saml2.core.AudienceRestriction;
import org.opensaml.saml.saml2.core.AuthnContext;
import org.opensaml.saml.saml2.core.AuthnContextClassRef;
import org.opensaml.saml.saml2.core.AuthnStatement;
import org.opensaml.saml.saml2.core.Conditions;
import org.opensaml.saml.saml2.core.EncryptedAssertion;
import org.opensaml.saml.saml2.core.Issuer;
import org.opensaml.saml.saml2.core.NameID;
import org.opensaml.saml.saml2.core.Response;
import org.opensaml.saml.saml2.core.Status;
import org.opensaml.saml.saml2.core.StatusCode;
import org.opensaml.saml.saml2.core.Subject;
import org.opensaml.saml.saml2.core.SubjectConfirmation;
import org.opensaml.saml.saml2.core.SubjectConfirmationData;
import org.opensaml.saml.saml2.encryption.Encrypter;
import org.opensaml.security.x509.BasicX509Credential;
import org.opensaml.xmlsec.encryption.support.DataEncryptionParameters;
import org.opensaml.xmlsec.encryption.support.EncryptionException;
import org.opensaml.xmlsec.encryption.support.KeyEncryptionParameters;
import org.opensaml.xmlsec.encryption.support.RSAOAEPParameters;

/**
 * Builds SAML responses for validator tests, every part adjustable so each rule can be broken on
 * its own. A test-only stand-in for an IdP; the country simulators are separate and independent.
 */
final class TestResponses {
  static final String IDP = "https://idp.test/metadata";
  static final String SP = "https://most.test/saml/sp";
  static final String ACS = "https://most.test/saml/acs/bg-eauth";

  String responseIssuer = IDP;
  String assertionIssuer = IDP;
  String destination = ACS;
  String inResponseTo = "_req1";
  String confirmationInResponseTo = "_req1";
  String recipient = ACS;
  String audience = SP;
  String responseId = SamlMessages.newId();
  String assertionId = SamlMessages.newId();
  Instant issueInstant;
  Instant authnInstant;
  Instant notBefore;
  Instant notOnOrAfter;
  Instant confirmationNotOnOrAfter;
  String statusCode = StatusCode.SUCCESS;
  String secondStatusCode;
  Map<String, List<String>> attributes = new LinkedHashMap<>();
  BasicX509Credential assertionSigner = TestKeys.IDP_RSA;
  String assertionSignatureAlgorithm = AlgorithmPolicy.RSA_PSS_SHA256;
  BasicX509Credential responseSigner;
  String responseSignatureAlgorithm = AlgorithmPolicy.RSA_PSS_SHA256;
  String digestAlgorithm = AlgorithmPolicy.SHA256;
  BasicX509Credential encryptTo = TestKeys.SP_ENCRYPTION;
  String dataEncryption = AlgorithmPolicy.AES256_GCM;
  String keyTransport = AlgorithmPolicy.RSA_OAEP;
  int extraPlainAssertions;

  TestResponses(Instant now) {
    issueInstant = now;
    authnInstant = now.minusSeconds(2);
    notBefore = now.minusSeconds(5);
    notOnOrAfter = now.plus(Duration.ofMinutes(5));
    confirmationNotOnOrAfter = now.plus(Duration.ofMinutes(5));
    attributes.put("urn:test:personIdentifier", List.of("PNOBG-7501020018"));
    attributes.put("urn:test:personName", List.of("Мария Иванова"));
  }

  Assertion assertion() {
    Assertion assertion = SamlMessages.build(Assertion.DEFAULT_ELEMENT_NAME, Assertion.class);
    assertion.setID(assertionId);
    assertion.setVersion(SAMLVersion.VERSION_20);
    assertion.setIssueInstant(issueInstant);
    assertion.setIssuer(issuer(assertionIssuer));
    Subject subject = SamlMessages.build(Subject.DEFAULT_ELEMENT_NAME, Subject.class);
    NameID nameId = SamlMessages.build(NameID.DEFAULT_ELEMENT_NAME, NameID.class);
    nameId.setValue("subject-1");
    nameId.setFormat(NameID.TRANSIENT);
    subject.setNameID(nameId);
    SubjectConfirmation confirmation =
        SamlMessages.build(SubjectConfirmation.DEFAULT_ELEMENT_NAME, SubjectConfirmation.class);
    confirmation.setMethod(SubjectConfirmation.METHOD_BEARER);
    SubjectConfirmationData data =
        SamlMessages.build(
            SubjectConfirmationData.DEFAULT_ELEMENT_NAME, SubjectConfirmationData.class);
    data.setRecipient(recipient);
    data.setInResponseTo(confirmationInResponseTo);
    data.setNotOnOrAfter(confirmationNotOnOrAfter);
    confirmation.setSubjectConfirmationData(data);
    subject.getSubjectConfirmations().add(confirmation);
    assertion.setSubject(subject);
    Conditions conditions = SamlMessages.build(Conditions.DEFAULT_ELEMENT_NAME, Conditions.class);
    conditions.setNotBefore(notBefore);
    conditions.setNotOnOrAfter(notOnOrAfter);
    AudienceRestriction restriction =
        SamlMessages.build(AudienceRestriction.DEFAULT_ELEMENT_NAME, AudienceRestriction.class);
    Audience aud = SamlMessages.build(Audience.DEFAULT_ELEMENT_NAME, Audience.class);
    aud.setURI(audience);
    restriction.getAudiences().add(aud);
    conditions.getAudienceRestrictions().add(restriction);
    assertion.setConditions(conditions);
    AuthnStatement authn =
        SamlMessages.build(AuthnStatement.DEFAULT_ELEMENT_NAME, AuthnStatement.class);
    authn.setAuthnInstant(authnInstant);
    AuthnContext context =
        SamlMessages.build(AuthnContext.DEFAULT_ELEMENT_NAME, AuthnContext.class);
    AuthnContextClassRef ref =
        SamlMessages.build(AuthnContextClassRef.DEFAULT_ELEMENT_NAME, AuthnContextClassRef.class);
    ref.setURI("urn:oasis:names:tc:SAML:2.0:ac:classes:Password");
    context.setAuthnContextClassRef(ref);
    authn.setAuthnContext(context);
    assertion.getAuthnStatements().add(authn);
    AttributeStatement statement =
        SamlMessages.build(AttributeStatement.DEFAULT_ELEMENT_NAME, AttributeStatement.class);
    attributes.forEach(
        (name, values) -> {
          Attribute attribute = SamlMessages.build(Attribute.DEFAULT_ELEMENT_NAME, Attribute.class);
          attribute.setName(name);
          attribute.setNameFormat(Attribute.URI_REFERENCE);
          for (String value : values) {
            XSString xs =
                (XSString)
                    XMLObjectProviderRegistrySupport.getBuilderFactory()
                        .getBuilderOrThrow(XSString.TYPE_NAME)
                        .buildObject(AttributeValue.DEFAULT_ELEMENT_NAME, XSString.TYPE_NAME);
            xs.setValue(value);
            attribute.getAttributeValues().add(xs);
          }
          statement.getAttributes().add(attribute);
        });
    assertion.getAttributeStatements().add(statement);
    if (assertionSigner != null) {
      SamlMessages.sign(assertion, assertionSigner, assertionSignatureAlgorithm, digestAlgorithm);
    }
    return assertion;
  }

  Response response() {
    Response response = SamlMessages.build(Response.DEFAULT_ELEMENT_NAME, Response.class);
    response.setID(responseId);
    response.setVersion(SAMLVersion.VERSION_20);
    response.setIssueInstant(issueInstant);
    response.setDestination(destination);
    response.setInResponseTo(inResponseTo);
    if (responseIssuer != null) {
      response.setIssuer(issuer(responseIssuer));
    }
    Status status = SamlMessages.build(Status.DEFAULT_ELEMENT_NAME, Status.class);
    StatusCode code = SamlMessages.build(StatusCode.DEFAULT_ELEMENT_NAME, StatusCode.class);
    code.setValue(statusCode);
    if (secondStatusCode != null) {
      StatusCode second = SamlMessages.build(StatusCode.DEFAULT_ELEMENT_NAME, StatusCode.class);
      second.setValue(secondStatusCode);
      code.setStatusCode(second);
    }
    status.setStatusCode(code);
    response.setStatus(status);
    if (StatusCode.SUCCESS.equals(statusCode)) {
      Assertion assertion = assertion();
      if (encryptTo != null) {
        response.getEncryptedAssertions().add(encrypt(assertion));
      } else {
        response.getAssertions().add(assertion);
      }
      for (int i = 0; i < extraPlainAssertions; i++) {
        assertionId = SamlMessages.newId();
        response.getAssertions().add(assertion());
      }
    }
    if (responseSigner != null) {
      SamlMessages.sign(response, responseSigner, responseSignatureAlgorithm, digestAlgorithm);
    }
    return response;
  }

  EncryptedAssertion encrypt(Assertion assertion) {
    SamlMessages.marshal(assertion);
    DataEncryptionParameters data = new DataEncryptionParameters();
    data.setAlgorithm(dataEncryption);
    KeyEncryptionParameters key = new KeyEncryptionParameters();
    key.setEncryptionCredential(new BasicX509Credential(encryptTo.getEntityCertificate()));
    key.setAlgorithm(keyTransport);
    if (AlgorithmPolicy.RSA_OAEP.equals(keyTransport)) {
      key.setRSAOAEPParameters(
          new RSAOAEPParameters(
              AlgorithmPolicy.SHA256, "http://www.w3.org/2009/xmlenc11#mgf1sha256", null));
    }
    Encrypter encrypter = new Encrypter(data, key);
    encrypter.setKeyPlacement(Encrypter.KeyPlacement.INLINE);
    try {
      return encrypter.encrypt(assertion);
    } catch (EncryptionException e) {
      throw new IllegalStateException(e);
    }
  }

  String xml() {
    return SamlMessages.toXml(response());
  }

  String base64() {
    return encode(xml());
  }

  static String encode(String xml) {
    return Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8));
  }

  private static Issuer issuer(String value) {
    Issuer issuer = SamlMessages.build(Issuer.DEFAULT_ELEMENT_NAME, Issuer.class);
    issuer.setValue(value);
    return issuer;
  }

  static List<String> list(String... values) {
    return new ArrayList<>(List.of(values));
  }
}
