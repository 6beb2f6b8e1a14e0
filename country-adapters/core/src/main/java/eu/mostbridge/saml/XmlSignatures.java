package eu.mostbridge.saml;

import eu.mostbridge.identity.ErrorText;
import java.util.ArrayList;
import java.util.List;
import org.opensaml.saml.security.impl.SAMLSignatureProfileValidator;
import org.opensaml.security.credential.Credential;
import org.opensaml.xmlsec.signature.Signature;
import org.opensaml.xmlsec.signature.support.SignatureException;
import org.opensaml.xmlsec.signature.support.SignatureValidator;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The one way Most checks an enveloped XML signature on a SAML message from a peer: the SAML
 * signature profile (one reference, to the signed element's own ID, exclusive C14N, no other
 * transforms: what stops signature wrapping), the signature and digest algorithms the peer's policy
 * accepts, then the value with each key configured for the peer in turn (several during a
 * rollover), never with a key the message carries.
 */
public final class XmlSignatures {
  private static final String DSIG_NS = "http://www.w3.org/2000/09/xmldsig#";

  private XmlSignatures() {}

  /** A signature refused; the message says why, naming {@code what} was signed. */
  public static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Verifies {@code signature} over {@code what} (for messages: "Response", "AuthnRequest").
   *
   * @throws Refused when any check fails
   */
  public static void verify(
      Signature signature,
      String what,
      AlgorithmPolicy policy,
      List<? extends Credential> trusted,
      String peer)
      throws Refused {
    try {
      new SAMLSignatureProfileValidator().validate(signature);
    } catch (SignatureException e) {
      throw new Refused("The " + what + " signature breaks the SAML profile: " + e.getMessage(), e);
    }
    if (!policy.allowsSignature(signature.getSignatureAlgorithm())) {
      throw new Refused(
          "The "
              + what
              + " is signed with "
              + ErrorText.quote(signature.getSignatureAlgorithm())
              + ", which the policy ("
              + policy
              + ") refuses",
          null);
    }
    for (String digest : digestAlgorithms(signature)) {
      if (!policy.allowsDigest(digest)) {
        throw new Refused(
            "The " + what + " signature uses the digest " + ErrorText.quote(digest) + ", refused",
            null);
      }
    }
    for (Credential key : trusted) {
      if (!keyFits(signature.getSignatureAlgorithm(), key)) {
        // A key of another type makes Santuario fail in a way that spoils the next attempt.
        continue;
      }
      try {
        SignatureValidator.validate(signature, key);
        return;
      } catch (SignatureException e) {
        // try the next configured key (rollover)
      }
    }
    throw new Refused(
        "The " + what + " signature does not verify with any key configured for " + peer, null);
  }

  /**
   * Signs {@code element} (whose {@code ID} the reference names) with an enveloped signature placed
   * before {@code nextSibling}: exclusive C14N, SHA-256 digest, the signing certificate in KeyInfo.
   * For a document OpenSAML no longer models, such as a Response around an encrypted assertion.
   */
  public static void signEnveloped(
      Element element,
      org.w3c.dom.Node nextSibling,
      org.opensaml.security.x509.BasicX509Credential credential,
      String signatureAlgorithm) {
    OpenSamlRuntime.ensureInitialized();
    try {
      org.w3c.dom.Document document = element.getOwnerDocument();
      org.apache.xml.security.signature.XMLSignature signature =
          new org.apache.xml.security.signature.XMLSignature(
              document, null, signatureAlgorithm, AlgorithmPolicy.EXCLUSIVE_C14N);
      element.insertBefore(signature.getElement(), nextSibling);
      element.setIdAttributeNS(null, "ID", true);
      org.apache.xml.security.transforms.Transforms transforms =
          new org.apache.xml.security.transforms.Transforms(document);
      transforms.addTransform(
          org.apache.xml.security.transforms.Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
      transforms.addTransform(AlgorithmPolicy.EXCLUSIVE_C14N);
      signature.addDocument("#" + element.getAttribute("ID"), transforms, AlgorithmPolicy.SHA256);
      signature.addKeyInfo(credential.getEntityCertificate());
      signature.sign(credential.getPrivateKey());
    } catch (org.apache.xml.security.exceptions.XMLSecurityException e) {
      throw new IllegalStateException("Signing a SAML message failed: " + e.getMessage(), e);
    }
  }

  private static boolean keyFits(String signatureAlgorithm, Credential key) {
    String keyType = key.getPublicKey().getAlgorithm();
    return signatureAlgorithm.contains("ecdsa") ? "EC".equals(keyType) : "RSA".equals(keyType);
  }

  private static List<String> digestAlgorithms(Signature signature) {
    List<String> digests = new ArrayList<>();
    Element dom = signature.getDOM();
    if (dom != null) {
      NodeList methods = dom.getElementsByTagNameNS(DSIG_NS, "DigestMethod");
      for (int i = 0; i < methods.getLength(); i++) {
        digests.add(((Element) methods.item(i)).getAttribute("Algorithm"));
      }
    }
    return digests;
  }
}
