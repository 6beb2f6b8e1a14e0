package eu.mostbridge.saml;

import eu.mostbridge.adapter.AuthenticationFailure;
import eu.mostbridge.adapter.AuthenticationFailure.Reason;
import eu.mostbridge.adapter.PendingAuthentication;
import eu.mostbridge.identity.ErrorText;
import eu.mostbridge.replay.ReplayCache;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.opensaml.core.xml.XMLObject;
import org.opensaml.saml.common.SAMLVersion;
import org.opensaml.saml.saml2.core.Assertion;
import org.opensaml.saml.saml2.core.Attribute;
import org.opensaml.saml.saml2.core.AttributeStatement;
import org.opensaml.saml.saml2.core.Audience;
import org.opensaml.saml.saml2.core.AudienceRestriction;
import org.opensaml.saml.saml2.core.AuthnStatement;
import org.opensaml.saml.saml2.core.Conditions;
import org.opensaml.saml.saml2.core.EncryptedAssertion;
import org.opensaml.saml.saml2.core.Issuer;
import org.opensaml.saml.saml2.core.Response;
import org.opensaml.saml.saml2.core.Status;
import org.opensaml.saml.saml2.core.StatusCode;
import org.opensaml.saml.saml2.core.SubjectConfirmation;
import org.opensaml.saml.saml2.core.SubjectConfirmationData;
import org.opensaml.saml.saml2.encryption.Decrypter;
import org.opensaml.saml.saml2.encryption.EncryptedElementTypeEncryptedKeyResolver;
import org.opensaml.security.credential.Credential;
import org.opensaml.security.x509.BasicX509Credential;
import org.opensaml.xmlsec.encryption.EncryptedData;
import org.opensaml.xmlsec.encryption.EncryptedKey;
import org.opensaml.xmlsec.encryption.support.ChainingEncryptedKeyResolver;
import org.opensaml.xmlsec.encryption.support.DecryptionException;
import org.opensaml.xmlsec.encryption.support.InlineEncryptedKeyResolver;
import org.opensaml.xmlsec.keyinfo.impl.StaticKeyInfoCredentialResolver;
import org.opensaml.xmlsec.signature.Signature;
import org.w3c.dom.Document;
import org.w3c.dom.DocumentFragment;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Validates a SAML Response from one configured identity provider, completely, before anything in
 * it is used. Each rule is a named step; the first that fails ends validation with a typed {@link
 * AuthenticationFailure}. In order:
 *
 * <ol>
 *   <li>size, Base64, hardened parsing ({@link SamlXmlParser}), root element and version;
 *   <li>Response Issuer, Destination (our ACS), InResponseTo (this browser's outstanding request),
 *       IssueInstant freshness;
 *   <li>Response signature, if present, with the IdP's configured keys only;
 *   <li>status (errors mapped to typed reasons);
 *   <li>exactly one assertion, encrypted if the policy requires; decryption with our keys, under
 *       the algorithm policy; a CBC ciphertext that no verified signature protects (allowed only by
 *       the peer's {@code UNSIGNED_RESPONSE_CBC_ASSERTION}) fails alike, in message and time, from
 *       decryption until its assertion's signature verifies;
 *   <li>assertion signature (required unless the policy allows a signed response alone), Issuer,
 *       bearer SubjectConfirmation (Recipient, InResponseTo, NotOnOrAfter), Conditions (time
 *       window, AudienceRestriction with our entity ID), an AuthnStatement;
 *   <li>one-time use of the request, response and assertion IDs — last, so a forged message cannot
 *       burn a genuine ID.
 * </ol>
 */
public final class SamlResponseValidator {
  private static final String BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer";

  private final ServiceProviderIdentity sp;
  private final Supplier<IdentityProviderPeer> currentIdp;
  private final ReplayCache replayCache;
  private final Clock clock;
  private final SamlXmlParser parser;
  private final boolean requireSignedResponse;

  public SamlResponseValidator(
      ServiceProviderIdentity sp,
      IdentityProviderPeer idp,
      ReplayCache replayCache,
      Clock clock,
      SamlXmlParser parser) {
    this(sp, () -> idp, replayCache, clock, parser);
  }

  /**
   * A validator whose IdP trust is re-read for every response, for peers whose metadata is
   * refreshed ({@link eu.mostbridge.saml.metadata.RefreshingMetadata}).
   */
  public SamlResponseValidator(
      ServiceProviderIdentity sp,
      Supplier<IdentityProviderPeer> currentIdp,
      ReplayCache replayCache,
      Clock clock,
      SamlXmlParser parser) {
    this(sp, currentIdp, replayCache, clock, parser, false);
  }

  /**
   * A validator that also requires every Response to be signed and to name its Issuer, before its
   * status is read, anything is decrypted or an ID is recorded as used (the eIDAS profile: a
   * ProxyService signs every Response, errors included).
   */
  public SamlResponseValidator(
      ServiceProviderIdentity sp,
      Supplier<IdentityProviderPeer> currentIdp,
      ReplayCache replayCache,
      Clock clock,
      SamlXmlParser parser,
      boolean requireSignedResponse) {
    OpenSamlRuntime.ensureInitialized();
    this.sp = sp;
    this.currentIdp = currentIdp;
    this.replayCache = replayCache;
    this.clock = clock;
    this.parser = parser;
    this.requireSignedResponse = requireSignedResponse;
  }

  /** Validates the Base64 {@code SAMLResponse} of an HTTP-POST against the pending login. */
  public ValidatedAssertion validate(String samlResponse, PendingAuthentication pending)
      throws AuthenticationFailure {
    try {
      return new Validation(currentIdp.get()).validate(samlResponse, pending);
    } catch (RuntimeException e) {
      // A library failing on input nobody foresaw: still a refusal with a reason, never a 500.
      throw new AuthenticationFailure(
          Reason.MALFORMED_ANSWER,
          "The SAML answer could not be processed: " + e.getClass().getSimpleName(),
          e);
    }
  }

  /**
   * The {@code InResponseTo} of a posted Response, read with the same hardened parser but not
   * validated: only to find the pending login it claims to answer.
   *
   * @throws AuthenticationFailure when the answer cannot be read or names no request
   */
  public String inResponseTo(String samlResponse) throws AuthenticationFailure {
    try {
      String id = new Validation(currentIdp.get()).parseResponse(samlResponse).getInResponseTo();
      if (id == null || id.isEmpty()) {
        throw failure(Reason.WRONG_PARTY, "The Response is unsolicited (no InResponseTo)");
      }
      return id;
    } catch (RuntimeException e) {
      throw new AuthenticationFailure(
          Reason.MALFORMED_ANSWER,
          "The SAML answer could not be processed: " + e.getClass().getSimpleName(),
          e);
    }
  }

  /** One validation against one version of the IdP's trust. */
  private final class Validation {
    private final IdentityProviderPeer idp;
    private final List<Credential> trustedKeys;

    Validation(IdentityProviderPeer idp) {
      this.idp = idp;
      this.trustedKeys =
          idp.signingCertificates().stream()
              .map(cert -> (Credential) new BasicX509Credential(cert))
              .toList();
    }

    ValidatedAssertion validate(String samlResponse, PendingAuthentication pending)
        throws AuthenticationFailure {
      Instant now = clock.instant();
      Response response = parseResponse(samlResponse);
      checkIssuer(response.getIssuer(), "Response", requireSignedResponse);
      if (requireSignedResponse && !response.isSigned()) {
        // Before the status and before any decryption: an unsigned error must not end the login,
        // nor an unsigned answer burn the IDs of the genuine one.
        throw failure(Reason.BAD_SIGNATURE, "The Response is not signed, as the profile requires");
      }
      checkDestination(response);
      checkInResponseTo(response.getInResponseTo(), pending, "Response");
      checkFreshness(response, now);
      if (response.isSigned()) {
        verifySignature(response.getSignature(), "Response");
      }
      checkStatus(response);
      Assertion assertion = theSignedAssertion(response);
      checkIssuer(assertion.getIssuer(), "Assertion", true);
      Instant confirmedUntil = checkSubjectConfirmation(assertion, pending, now);
      Instant validUntil = checkConditions(assertion, now);
      AuthnStatement authn = theAuthnStatement(assertion);
      pending.requireFreshAuthentication(authn.getAuthnInstant(), idp.clockSkew());
      Map<String, List<String>> attributes = attributes(assertion);
      recordOneTimeUse(pending, response, assertion, latest(confirmedUntil, validUntil, now));
      Optional<org.opensaml.saml.saml2.core.NameID> nameId =
          Optional.ofNullable(assertion.getSubject().getNameID());
      return new ValidatedAssertion(
          idp.entityId(),
          nameId.map(n -> n.getValue()),
          authn.getAuthnInstant(),
          assertion.getAuthnStatements().stream()
              .filter(s -> s.getAuthnContext() != null)
              .filter(s -> s.getAuthnContext().getAuthnContextClassRef() != null)
              .map(s -> s.getAuthnContext().getAuthnContextClassRef().getURI())
              .toList(),
          attributes,
          idp.algorithms().relaxations(),
          response.isSigned(),
          nameId.map(n -> n.getFormat()),
          nonLatinValues(assertion));
    }

    private Response parseResponse(String samlResponse) throws AuthenticationFailure {
      if (samlResponse == null || samlResponse.isEmpty()) {
        throw failure(Reason.MALFORMED_ANSWER, "No SAMLResponse was posted");
      }
      if (samlResponse.length() > parser.maxBytes() / 3 * 4 + 8) {
        throw failure(Reason.MALFORMED_ANSWER, "The SAMLResponse is larger than accepted");
      }
      byte[] xml;
      try {
        xml = Base64.getDecoder().decode(RedirectBinding.withoutWhitespace(samlResponse));
      } catch (IllegalArgumentException e) {
        throw failure(Reason.MALFORMED_ANSWER, "The SAMLResponse is not Base64");
      }
      try {
        Document document = parser.parse(xml);
        XMLObject object = SamlXmlParser.unmarshal(document.getDocumentElement());
        if (!(object instanceof Response response)) {
          throw failure(Reason.MALFORMED_ANSWER, "The message is not a SAML 2.0 Response");
        }
        if (response.getVersion() == null
            || !SAMLVersion.VERSION_20.equals(response.getVersion())) {
          throw failure(Reason.MALFORMED_ANSWER, "The Response is not SAML version 2.0");
        }
        return response;
      } catch (MalformedSamlException e) {
        throw new AuthenticationFailure(Reason.MALFORMED_ANSWER, e.getMessage(), e);
      }
    }

    private void checkIssuer(Issuer issuer, String what, boolean required)
        throws AuthenticationFailure {
      if (issuer == null) {
        if (required) {
          throw failure(Reason.WRONG_PARTY, "The " + what + " has no Issuer");
        }
        return;
      }
      if (!idp.entityId().equals(issuer.getValue())) {
        throw failure(
            Reason.WRONG_PARTY,
            "The "
                + what
                + " Issuer "
                + ErrorText.quote(issuer.getValue())
                + " is not "
                + idp.entityId());
      }
    }

    private void checkDestination(Response response) throws AuthenticationFailure {
      if (!sp.assertionConsumerService().toString().equals(response.getDestination())) {
        throw failure(
            Reason.WRONG_PARTY,
            "The Response Destination "
                + ErrorText.quote(response.getDestination())
                + " is not this service's ACS");
      }
    }

    private static void checkInResponseTo(
        String inResponseTo, PendingAuthentication pending, String what)
        throws AuthenticationFailure {
      if (inResponseTo == null) {
        throw failure(Reason.WRONG_PARTY, "The " + what + " is unsolicited (no InResponseTo)");
      }
      if (!pending.correlationId().equals(inResponseTo)) {
        throw failure(
            Reason.WRONG_PARTY,
            "The " + what + " answers another request than this browser's outstanding one");
      }
    }

    private void checkFreshness(Response response, Instant now) throws AuthenticationFailure {
      Instant issued = response.getIssueInstant();
      if (issued == null) {
        throw failure(Reason.MALFORMED_ANSWER, "The Response has no IssueInstant");
      }
      if (issued.isAfter(now.plus(idp.clockSkew()))) {
        throw failure(Reason.EXPIRED, "The Response was issued in the future");
      }
      if (issued.isBefore(now.minus(idp.maxResponseAge()).minus(idp.clockSkew()))) {
        throw failure(Reason.EXPIRED, "The Response is older than " + idp.maxResponseAge());
      }
    }

    private void verifySignature(Signature signature, String what) throws AuthenticationFailure {
      try {
        XmlSignatures.verify(signature, what, idp.algorithms(), trustedKeys, idp.entityId());
      } catch (XmlSignatures.Refused e) {
        throw new AuthenticationFailure(Reason.BAD_SIGNATURE, e.getMessage(), e);
      }
    }

    private void checkStatus(Response response) throws AuthenticationFailure {
      StatusCode top = response.getStatus() == null ? null : response.getStatus().getStatusCode();
      if (top == null || top.getValue() == null) {
        throw failure(Reason.MALFORMED_ANSWER, "The Response has no status code");
      }
      if (StatusCode.SUCCESS.equals(top.getValue())) {
        return;
      }
      String second = top.getStatusCode() == null ? null : top.getStatusCode().getValue();
      // The StatusMessage is left out: it is free text and may name the citizen.
      String codes = top.getValue() + (second == null ? "" : " / " + second);
      if (StatusCode.REQUEST_DENIED.equals(second)) {
        throw failure(Reason.CANCELLED, "The identity provider answered " + codes);
      }
      if (StatusCode.AUTHN_FAILED.equals(second) && saysCancelled(response.getStatus())) {
        throw failure(
            Reason.CANCELLED,
            "The identity provider answered " + codes + " with its message for a cancel");
      }
      if (StatusCode.NO_AUTHN_CONTEXT.equals(second)) {
        throw failure(Reason.LEVEL_UNAVAILABLE, "The identity provider answered " + codes);
      }
      throw failure(Reason.NATIONAL_ERROR, "The identity provider answered " + codes);
    }

    /** Whether the status message is one the peer answers a citizen's cancel with. */
    private boolean saysCancelled(Status status) {
      String message =
          status.getStatusMessage() == null ? null : status.getStatusMessage().getValue();
      if (message == null || idp.cancelMessages().isEmpty()) {
        return false;
      }
      String said = message.strip().toLowerCase(Locale.ROOT);
      return idp.cancelMessages().stream()
          .anyMatch(cancel -> said.contains(cancel.strip().toLowerCase(Locale.ROOT)));
    }

    /**
     * The one assertion, decrypted if encrypted, with its signature verified (or a signed Response
     * around it where the peer allows an unsigned assertion).
     */
    private Assertion theSignedAssertion(Response response) throws AuthenticationFailure {
      int plain = response.getAssertions().size();
      int encrypted = response.getEncryptedAssertions().size();
      if (plain + encrypted != 1) {
        throw failure(
            Reason.MALFORMED_ANSWER,
            "The Response must carry exactly one assertion, it carries " + (plain + encrypted));
      }
      if (plain == 1) {
        if (idp.requireEncryptedAssertions()) {
          throw failure(
              Reason.BAD_SIGNATURE, "The assertion is not encrypted, as the policy requires");
        }
        return signed(response.getAssertions().get(0), response.isSigned());
      }
      EncryptedAssertion assertion = response.getEncryptedAssertions().get(0);
      checkEncryption(assertion, response.isSigned());
      if (!response.isSigned() && idp.algorithms().allowsCbcAssertionInUnsignedResponse()) {
        // Nothing authenticates this ciphertext before it is decrypted (the peer's relaxation
        // UNSIGNED_RESPONSE_CBC_ASSERTION; an attacker may also move its key into a GCM one):
        // every way it can fail until its plaintext's signature verifies is answered alike, or
        // the answers would be a decryption oracle. One key and a bounded ciphertext keep the
        // work, and so the time before the refusal, below one uniform period.
        checkBoundedWork(assertion);
        return alike(() -> signed(decrypt(assertion), false));
      }
      return signed(decrypt(assertion), response.isSigned());
    }

    private Assertion signed(Assertion assertion, boolean responseSigned)
        throws AuthenticationFailure {
      if (assertion.isSigned()) {
        verifySignature(assertion.getSignature(), "Assertion");
      } else if (idp.requireSignedAssertions() || !responseSigned) {
        throw failure(Reason.BAD_SIGNATURE, "The assertion is not signed");
      }
      return assertion;
    }

    /**
     * The algorithms of an encrypted assertion's envelope, which whoever sent it chose and can read
     * (so refusing them reveals nothing), checked before anything is decrypted.
     */
    private void checkEncryption(EncryptedAssertion encrypted, boolean responseSigned)
        throws AuthenticationFailure {
      EncryptedData data = encrypted.getEncryptedData();
      String dataAlgorithm =
          data == null || data.getEncryptionMethod() == null
              ? null
              : data.getEncryptionMethod().getAlgorithm();
      if (!idp.algorithms().allowsDataEncryption(dataAlgorithm)) {
        throw failure(
            Reason.BAD_SIGNATURE,
            "The assertion is encrypted with " + ErrorText.quote(dataAlgorithm) + ", refused");
      }
      if (!dataAlgorithm.endsWith("-gcm")
          && !responseSigned
          && !idp.algorithms().allowsCbcAssertionInUnsignedResponse()) {
        // CBC without a verified signature around it is a decryption oracle (Jager and
        // Somorovsky, 2011) unless its failures are answered alike and bounded in number.
        throw failure(
            Reason.BAD_SIGNATURE, "A CBC-encrypted assertion must come in a signed Response");
      }
      Optional<AssertionDecryption.KeyAgreement> agreement =
          Optional.ofNullable(data.getDOM()).flatMap(AssertionDecryption::agreementOf);
      if (agreement.isPresent()) {
        AssertionDecryption.KeyAgreement agreed = agreement.get();
        if (!idp.algorithms()
            .allowsKeyAgreement(
                agreed.agreement(),
                agreed.keyWrap(),
                agreed.keyDerivation(),
                agreed.derivationDigest())) {
          throw failure(
              Reason.BAD_SIGNATURE,
              "The assertion key is agreed with "
                  + ErrorText.quote(agreed.agreement())
                  + ", derived with "
                  + ErrorText.quote(agreed.keyDerivation())
                  + " over "
                  + ErrorText.quote(agreed.derivationDigest())
                  + " and wrapped with "
                  + ErrorText.quote(agreed.keyWrap())
                  + ", refused");
        }
        if (encryptedKeys(encrypted).size() != 1) {
          throw failure(Reason.BAD_SIGNATURE, "An agreed assertion key must come alone");
        }
      }
      for (EncryptedKey key :
          agreement.isPresent() ? List.<EncryptedKey>of() : encryptedKeys(encrypted)) {
        String transport =
            key.getEncryptionMethod() == null ? null : key.getEncryptionMethod().getAlgorithm();
        if (!idp.algorithms().allowsKeyTransport(transport)) {
          throw failure(
              Reason.BAD_SIGNATURE,
              "The assertion key is transported with " + ErrorText.quote(transport) + ", refused");
        }
      }
      if (sp.decryption().isEmpty()) {
        throw failure(
            Reason.BAD_SIGNATURE, "No decryption key is configured for encrypted assertions");
      }
    }

    /**
     * Exactly one encrypted key (the decrypter would otherwise decrypt the content once per key,
     * multiplying whatever time a padding check takes) and a ciphertext within {@link
     * #MAX_UNAUTHENTICATED_CIPHERTEXT}: both visible to whoever sent them, so refusing them tells
     * nothing.
     */
    private static void checkBoundedWork(EncryptedAssertion encrypted)
        throws AuthenticationFailure {
      if (encryptedKeys(encrypted).size() != 1) {
        throw failure(
            Reason.BAD_SIGNATURE, "An encrypted assertion in an unsigned Response needs one key");
      }
      EncryptedData data = encrypted.getEncryptedData();
      String value =
          data.getCipherData() == null || data.getCipherData().getCipherValue() == null
              ? null
              : data.getCipherData().getCipherValue().getValue();
      if (value == null || value.length() > MAX_UNAUTHENTICATED_CIPHERTEXT) {
        throw failure(
            Reason.BAD_SIGNATURE,
            "The encrypted assertion in an unsigned Response is missing or larger than accepted");
      }
    }

    private static List<EncryptedKey> encryptedKeys(EncryptedAssertion encrypted) {
      List<EncryptedKey> keys = new ArrayList<>(encrypted.getEncryptedKeys());
      if (encrypted.getEncryptedData().getKeyInfo() != null) {
        keys.addAll(encrypted.getEncryptedData().getKeyInfo().getEncryptedKeys());
      }
      return keys;
    }

    private Assertion decrypt(EncryptedAssertion encrypted) throws AuthenticationFailure {
      Element data = encrypted.getEncryptedData().getDOM();
      if (data != null && AssertionDecryption.agreementOf(data).isPresent()) {
        // A key agreed by ECDH-ES, which OpenSAML 4.0.1 cannot derive: Santuario opens it.
        try {
          Element element = AssertionDecryption.decryptElement(data, sp.decryption(), parser);
          parser.checkStructure(element);
          if (SamlXmlParser.unmarshal(element) instanceof Assertion assertion) {
            return assertion;
          }
          throw undecryptable();
        } catch (org.apache.xml.security.encryption.XMLEncryptionException
            | MalformedSamlException e) {
          throw undecryptable();
        }
      }
      Decrypter decrypter =
          new Decrypter(
              null,
              new StaticKeyInfoCredentialResolver(
                  sp.decryption().stream().map(c -> (Credential) c).toList()),
              new ChainingEncryptedKeyResolver(
                  List.of(
                      new InlineEncryptedKeyResolver(),
                      new EncryptedElementTypeEncryptedKeyResolver())));
      try {
        DocumentFragment fragment = decrypter.decryptDataToDOM(encrypted.getEncryptedData());
        Element decrypted = firstElement(fragment);
        if (decrypted == null) {
          throw undecryptable();
        }
        parser.checkStructure(decrypted);
        Element element = parser.asNewDocument(decrypted);
        XMLObject object = SamlXmlParser.unmarshal(element);
        if (!(object instanceof Assertion assertion)) {
          throw undecryptable();
        }
        return assertion;
      } catch (DecryptionException | MalformedSamlException e) {
        // One reason and one message for every failure after decryption starts, so that the
        // answer reveals nothing about the plaintext.
        throw undecryptable();
      }
    }

    private static AuthenticationFailure undecryptable() {
      return failure(
          Reason.BAD_SIGNATURE,
          "The encrypted assertion cannot be decrypted with this service's keys or is malformed");
    }

    private static Element firstElement(Node parent) {
      for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
        if (child.getNodeType() == Node.ELEMENT_NODE) {
          return (Element) child;
        }
      }
      return null;
    }

    private Instant checkSubjectConfirmation(
        Assertion assertion, PendingAuthentication pending, Instant now)
        throws AuthenticationFailure {
      if (assertion.getSubject() == null) {
        throw failure(Reason.MALFORMED_ANSWER, "The assertion has no Subject");
      }
      String problem = "The assertion has no bearer SubjectConfirmation";
      Reason reason = Reason.WRONG_PARTY;
      for (SubjectConfirmation confirmation : assertion.getSubject().getSubjectConfirmations()) {
        SubjectConfirmationData data = confirmation.getSubjectConfirmationData();
        if (!BEARER.equals(confirmation.getMethod()) || data == null) {
          continue;
        }
        if (!sp.assertionConsumerService().toString().equals(data.getRecipient())) {
          problem = "The bearer confirmation's Recipient is not this service's ACS";
          continue;
        }
        if (!pending.correlationId().equals(data.getInResponseTo())) {
          problem = "The bearer confirmation answers another request";
          continue;
        }
        if (data.getNotOnOrAfter() == null) {
          problem = "The bearer confirmation has no NotOnOrAfter";
          continue;
        }
        if (!now.minus(idp.clockSkew()).isBefore(data.getNotOnOrAfter())) {
          problem = "The bearer confirmation has expired";
          reason = Reason.EXPIRED;
          continue;
        }
        if (data.getNotBefore() != null && data.getNotBefore().isAfter(now.plus(idp.clockSkew()))) {
          problem = "The bearer confirmation is not yet valid";
          reason = Reason.EXPIRED;
          continue;
        }
        return data.getNotOnOrAfter();
      }
      throw failure(reason, problem);
    }

    private Instant checkConditions(Assertion assertion, Instant now) throws AuthenticationFailure {
      Conditions conditions = assertion.getConditions();
      if (conditions == null) {
        throw failure(Reason.MALFORMED_ANSWER, "The assertion has no Conditions");
      }
      if (conditions.getNotBefore() != null
          && conditions.getNotBefore().isAfter(now.plus(idp.clockSkew()))) {
        throw failure(Reason.EXPIRED, "The assertion is not yet valid (NotBefore)");
      }
      if (conditions.getNotOnOrAfter() != null
          && !now.minus(idp.clockSkew()).isBefore(conditions.getNotOnOrAfter())) {
        throw failure(Reason.EXPIRED, "The assertion has expired (NotOnOrAfter)");
      }
      List<AudienceRestriction> restrictions = conditions.getAudienceRestrictions();
      if (restrictions.isEmpty()) {
        throw failure(Reason.WRONG_PARTY, "The assertion has no AudienceRestriction");
      }
      for (AudienceRestriction restriction : restrictions) {
        boolean ours =
            restriction.getAudiences().stream()
                .map(Audience::getURI)
                .anyMatch(sp.entityId()::equals);
        if (!ours) {
          throw failure(Reason.WRONG_PARTY, "The assertion is meant for another audience");
        }
      }
      return conditions.getNotOnOrAfter();
    }

    private static AuthnStatement theAuthnStatement(Assertion assertion)
        throws AuthenticationFailure {
      if (assertion.getAuthnStatements().isEmpty()) {
        throw failure(Reason.MALFORMED_ANSWER, "The assertion has no AuthnStatement");
      }
      AuthnStatement statement = assertion.getAuthnStatements().get(0);
      if (statement.getAuthnInstant() == null) {
        throw failure(Reason.MALFORMED_ANSWER, "The AuthnStatement has no AuthnInstant");
      }
      return statement;
    }

    private static Map<String, List<String>> attributes(Assertion assertion)
        throws AuthenticationFailure {
      Map<String, List<String>> attributes = new LinkedHashMap<>();
      for (AttributeStatement statement : assertion.getAttributeStatements()) {
        if (!statement.getEncryptedAttributes().isEmpty()) {
          throw failure(Reason.MALFORMED_ANSWER, "Encrypted attributes are not supported");
        }
        for (Attribute attribute : statement.getAttributes()) {
          if (attribute.getName() == null) {
            throw failure(Reason.MALFORMED_ANSWER, "An attribute has no Name");
          }
          List<String> values =
              attribute.getAttributeValues().stream()
                  .map(Validation::wholeText)
                  .collect(Collectors.toList());
          if (attributes.putIfAbsent(attribute.getName(), values) != null) {
            throw failure(
                Reason.MALFORMED_ANSWER,
                "The attribute " + ErrorText.quote(attribute.getName()) + " appears twice");
          }
        }
      }
      return attributes;
    }

    /** By attribute Name, the positions of values marked {@code LatinScript="false"}. */
    private static Map<String, java.util.Set<Integer>> nonLatinValues(Assertion assertion) {
      Map<String, java.util.Set<Integer>> marked = new LinkedHashMap<>();
      for (AttributeStatement statement : assertion.getAttributeStatements()) {
        for (Attribute attribute : statement.getAttributes()) {
          List<XMLObject> values = attribute.getAttributeValues();
          for (int i = 0; i < values.size(); i++) {
            Element dom = values.get(i).getDOM();
            if (dom != null && "false".equals(latinScript(dom))) {
              marked.computeIfAbsent(attribute.getName(), n -> new java.util.TreeSet<>()).add(i);
            }
          }
        }
      }
      return marked;
    }

    /** The EU node's namespace-qualified LatinScript, else the specification's unqualified one. */
    private static String latinScript(Element value) {
      String qualified =
          value.getAttributeNS("http://eidas.europa.eu/attributes/naturalperson", "LatinScript");
      return qualified.isEmpty() ? value.getAttribute("LatinScript").strip() : qualified.strip();
    }

    /** All text of the value element, so what is read is what was signed (comments are refused). */
    private static String wholeText(XMLObject value) {
      return value.getDOM() == null ? "" : value.getDOM().getTextContent();
    }

    private void recordOneTimeUse(
        PendingAuthentication pending, Response response, Assertion assertion, Instant keepUntil)
        throws AuthenticationFailure {
      Instant until = keepUntil.plus(idp.clockSkew());
      if (response.getID() == null || assertion.getID() == null) {
        throw failure(Reason.MALFORMED_ANSWER, "The Response or assertion has no ID");
      }
      AuthenticationFailure.requireFirstUse(
          replayCache.record("saml-request", pending.correlationId(), until),
          "This login request was already answered");
      AuthenticationFailure.requireFirstUse(
          replayCache.record("saml-response:" + idp.entityId(), response.getID(), until),
          "This Response was already used");
      AuthenticationFailure.requireFirstUse(
          replayCache.record("saml-assertion:" + idp.entityId(), assertion.getID(), until),
          "This assertion was already used");
    }

    private Instant latest(Instant confirmedUntil, Instant validUntil, Instant now) {
      Instant latest = now.plus(idp.maxResponseAge());
      if (confirmedUntil != null && confirmedUntil.isAfter(latest)) {
        latest = confirmedUntil;
      }
      if (validUntil != null && validUntil.isAfter(latest)) {
        latest = validUntil;
      }
      return latest;
    }
  }

  /** A step whose every failure must look the same from outside. */
  @FunctionalInterface
  private interface Step<T> {
    T run() throws AuthenticationFailure;
  }

  /**
   * Runs {@code step}; any failure in it (a refusal, or a library's exception) becomes the one
   * {@link #UNAUTHENTIC_CIPHERTEXT} failure, answered no sooner than a whole multiple of {@link
   * #UNIFORM_FAILURE_TIME} after the step began, so neither the answer nor its time tells a padding
   * error from a parse error from a bad signature. The cause stays attached for a debugger, and is
   * not in the message, which is what the audit records.
   */
  private static <T> T alike(Step<T> step) throws AuthenticationFailure {
    long started = System.nanoTime();
    try {
      return step.run();
    } catch (AuthenticationFailure | RuntimeException | StackOverflowError e) {
      waitForWholeQuanta(started);
      throw new AuthenticationFailure(Reason.BAD_SIGNATURE, UNAUTHENTIC_CIPHERTEXT, e);
    }
  }

  private static void waitForWholeQuanta(long started) {
    long quantum = UNIFORM_FAILURE_TIME.toNanos();
    long elapsed = System.nanoTime() - started;
    long until = started + (elapsed / quantum + 1) * quantum;
    try {
      for (long left = until - System.nanoTime(); left > 0; left = until - System.nanoTime()) {
        java.util.concurrent.TimeUnit.NANOSECONDS.sleep(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * How long the refusal of an unauthenticated CBC ciphertext takes at least: well above what
   * decrypting, parsing and verifying the largest answer accepted costs (docs/BENCHMARKS.md).
   */
  public static final java.time.Duration UNIFORM_FAILURE_TIME = java.time.Duration.ofMillis(200);

  /**
   * The most Base64 characters of an unauthenticated ciphertext that is decrypted (about 48 KiB of
   * assertion; eAuth's are a few KiB).
   */
  static final int MAX_UNAUTHENTICATED_CIPHERTEXT = 64 * 1024;

  /** The one message of every refusal of an unauthenticated CBC ciphertext after decryption. */
  public static final String UNAUTHENTIC_CIPHERTEXT =
      "The encrypted assertion cannot be decrypted with this service's keys, is malformed or is"
          + " not signed by the identity provider";

  private static AuthenticationFailure failure(Reason reason, String message) {
    return new AuthenticationFailure(reason, message);
  }
}
