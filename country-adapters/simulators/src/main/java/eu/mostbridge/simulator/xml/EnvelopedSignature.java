package eu.mostbridge.simulator.xml;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.xml.crypto.KeySelector;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Enveloped XML signatures (as SAML uses them) with the JDK's XML Digital Signature API: the signed
 * element's {@code ID} referenced, enveloped-signature and exclusive C14N transforms.
 */
public final class EnvelopedSignature {
  private static final String DSIG_NS = "http://www.w3.org/2000/09/xmldsig#";
  private static final XMLSignatureFactory FACTORY = XMLSignatureFactory.getInstance("DOM");

  private EnvelopedSignature() {}

  /**
   * Signs {@code element}, placing the signature before {@code nextSibling} (SAML wants it right
   * after the Issuer).
   */
  public static void sign(
      Element element,
      Node nextSibling,
      PrivateKey key,
      X509Certificate certificate,
      String signatureAlgorithm,
      String digestAlgorithm) {
    try {
      String id = element.getAttribute("ID");
      element.setIdAttributeNS(null, "ID", true);
      Reference reference =
          FACTORY.newReference(
              "#" + id,
              FACTORY.newDigestMethod(digestAlgorithm, null),
              List.of(
                  FACTORY.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                  FACTORY.newTransform(
                      CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null)),
              null,
              null);
      SignedInfo signedInfo =
          FACTORY.newSignedInfo(
              FACTORY.newCanonicalizationMethod(
                  CanonicalizationMethod.EXCLUSIVE, (C14NMethodParameterSpec) null),
              FACTORY.newSignatureMethod(signatureAlgorithm, null),
              List.of(reference));
      KeyInfoFactory keyInfos = FACTORY.getKeyInfoFactory();
      KeyInfo keyInfo = keyInfos.newKeyInfo(List.of(keyInfos.newX509Data(List.of(certificate))));
      DOMSignContext context =
          nextSibling == null
              ? new DOMSignContext(key, element)
              : new DOMSignContext(key, element, nextSibling);
      context.setDefaultNamespacePrefix("ds");
      FACTORY.newXMLSignature(signedInfo, keyInfo).sign(context);
    } catch (GeneralSecurityException | MarshalException | XMLSignatureException e) {
      throw new IllegalStateException("Signing failed: " + e, e);
    }
  }

  /**
   * Whether {@code element} carries, as its direct child, a valid signature over itself by {@code
   * trusted} (whatever KeyInfo says).
   */
  public static boolean verify(Element element, PublicKey trusted) {
    Element signature = null;
    NodeList children = element.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i) instanceof Element e
          && DSIG_NS.equals(e.getNamespaceURI())
          && "Signature".equals(e.getLocalName())) {
        signature = e;
      }
    }
    if (signature == null) {
      return false;
    }
    try {
      element.setIdAttributeNS(null, "ID", true);
      DOMValidateContext context =
          new DOMValidateContext(KeySelector.singletonKeySelector((Key) trusted), signature);
      context.setProperty("org.jcp.xml.dsig.secureValidation", true);
      XMLSignature xmlSignature = FACTORY.unmarshalXMLSignature(context);
      List<?> references = xmlSignature.getSignedInfo().getReferences();
      if (references.size() != 1
          || !("#" + element.getAttribute("ID")).equals(((Reference) references.get(0)).getURI())) {
        return false;
      }
      return xmlSignature.validate(context);
    } catch (MarshalException | XMLSignatureException | RuntimeException e) {
      return false;
    }
  }

  /**
   * The digest that goes with a signature algorithm URI: SHA-256, also under RSA-SHA1, as eAuth
   * signs (eAuth-v2 {@code SAMLBuilder.signAssertion}).
   */
  public static String digestFor(String signatureAlgorithm) {
    return DigestMethod.SHA256;
  }
}
