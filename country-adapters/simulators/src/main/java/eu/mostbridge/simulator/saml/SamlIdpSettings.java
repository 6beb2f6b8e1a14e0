package eu.mostbridge.simulator.saml;

import eu.mostbridge.simulator.xml.XmlEncryption;

/**
 * How a simulated SAML IdP signs and encrypts.
 *
 * @param entityId its entity ID (Issuer of its answers)
 * @param signatureAlgorithm the XML Signature algorithm URI it signs with; the real eAuth signs
 *     with RSA-SHA1
 * @param encryptAssertions whether assertions are encrypted; the real test system sends them plain
 * @param dataEncryption the content encryption when encrypting (eAuth: AES-128-CBC)
 * @param keyTransport the key transport when encrypting (eAuth: RSA-OAEP, XML Encryption 1.0 URI)
 * @param signResponse whether the Response is signed too (around the signed assertion); eAuth never
 *     signs it
 */
public record SamlIdpSettings(
    String entityId,
    String signatureAlgorithm,
    boolean encryptAssertions,
    String dataEncryption,
    String keyTransport,
    boolean signResponse) {
  public static final String RSA_SHA1 = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";
  public static final String RSA_PSS_SHA256 =
      "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1";

  /** As the real eAuth test system: RSA-SHA1 signatures, plain assertions. */
  public static SamlIdpSettings likeTheTestSystem(String entityId) {
    return new SamlIdpSettings(
        entityId, RSA_SHA1, false, XmlEncryption.AES128_CBC, XmlEncryption.RSA_OAEP_MGF1P, false);
  }

  /**
   * As the real eAuth production system: the assertion signed with RSA-SHA1 and encrypted with
   * AES-128-CBC (key by RSA-OAEP-MGF1P), the Response not signed (eAuth-v2 {@code
   * SAMLBuilder.signAssertion}, {@code SAMLBuilder.encryptAssertion}).
   */
  public static SamlIdpSettings likeProduction(String entityId) {
    return new SamlIdpSettings(
        entityId, RSA_SHA1, true, XmlEncryption.AES128_CBC, XmlEncryption.RSA_OAEP_MGF1P, false);
  }

  /** The eIDAS strict profile: RSA-PSS, AES-256-GCM, RSA-OAEP with SHA-256. */
  public static SamlIdpSettings eidasStrict(String entityId) {
    return new SamlIdpSettings(
        entityId, RSA_PSS_SHA256, true, XmlEncryption.AES256_GCM, XmlEncryption.RSA_OAEP, false);
  }
}
