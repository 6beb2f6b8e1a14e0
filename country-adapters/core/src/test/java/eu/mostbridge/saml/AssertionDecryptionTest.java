package eu.mostbridge.saml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.mostbridge.saml.eidas.AssertionEncryption;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.xml.security.encryption.XMLEncryptionException;
import org.junit.jupiter.api.Test;
import org.opensaml.security.x509.BasicX509Credential;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Most's own encryption (the gateway's) opened again by the connector's decryption. */
class AssertionDecryptionTest {
  private static final BasicX509Credential RSA = TestKeys.SP_ENCRYPTION;
  private static final BasicX509Credential EC = TestKeys.ec("CN=Most connector encryption EC");
  private static final BasicX509Credential OTHER_EC = TestKeys.ec("CN=Someone else EC");

  @Test
  void anAssertionEncryptedWithRsaOaepAndMgf1Sha256OpensWithTheRsaKey() throws Exception {
    Element encrypted = encrypted(RSA, AlgorithmPolicy.RSA_OAEP);

    assertThat(AssertionDecryption.agreementOf(encrypted)).isEmpty();
    assertThat(plaintext(encrypted, List.of(EC, RSA))).contains("<saml:Assertion").contains("Anna");
  }

  @Test
  void anAssertionWhoseKeyIsAgreedByEcdhEsOpensWithTheEcKey() throws Exception {
    Element encrypted = encrypted(EC, AlgorithmPolicy.ECDH_ES);

    assertThat(AssertionDecryption.agreementOf(encrypted))
        .contains(
            new AssertionDecryption.KeyAgreement(
                AlgorithmPolicy.ECDH_ES,
                "http://www.w3.org/2001/04/xmlenc#kw-aes256",
                AlgorithmPolicy.CONCAT_KDF,
                AlgorithmPolicy.SHA256));
    Element assertion =
        AssertionDecryption.decryptElement(encrypted, List.of(RSA, EC), new SamlXmlParser());
    assertThat(assertion.getNamespaceURI()).isEqualTo("urn:oasis:names:tc:SAML:2.0:assertion");
    assertThat(assertion.getTextContent()).contains("Anna");
  }

  @Test
  void anotherRecipientsKeyOpensNothingAndSaysOnlyThat() throws Exception {
    Element agreed = encrypted(OTHER_EC, AlgorithmPolicy.ECDH_ES);
    Element transported = encrypted(TestKeys.ATTACKER, AlgorithmPolicy.RSA_OAEP);

    assertThatThrownBy(() -> AssertionDecryption.decrypt(agreed, List.of(EC, RSA)))
        .isInstanceOf(XMLEncryptionException.class)
        .hasMessageContaining("cannot be decrypted");
    assertThatThrownBy(() -> AssertionDecryption.decrypt(transported, List.of(EC, RSA)))
        .isInstanceOf(XMLEncryptionException.class)
        .hasMessageContaining("cannot be decrypted");
  }

  @Test
  void aTamperedCiphertextIsRefusedByTheGcmTag() throws Exception {
    Element encrypted = encrypted(EC, AlgorithmPolicy.ECDH_ES);
    Element value =
        (Element)
            encrypted
                .getElementsByTagNameNS("http://www.w3.org/2001/04/xmlenc#", "CipherValue")
                .item(
                    encrypted
                            .getElementsByTagNameNS(
                                "http://www.w3.org/2001/04/xmlenc#", "CipherValue")
                            .getLength()
                        - 1);
    String text = value.getTextContent().trim();
    char flipped = text.charAt(20) == 'A' ? 'B' : 'A';
    value.setTextContent(text.substring(0, 20) + flipped + text.substring(21));

    assertThatThrownBy(() -> AssertionDecryption.decrypt(encrypted, List.of(EC)))
        .isInstanceOf(XMLEncryptionException.class);
  }

  private static String plaintext(Element encrypted, List<BasicX509Credential> keys)
      throws XMLEncryptionException {
    return new String(AssertionDecryption.decrypt(encrypted, keys), StandardCharsets.UTF_8);
  }

  private static Element encrypted(BasicX509Credential recipient, String keyTransport)
      throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    Document document =
        factory
            .newDocumentBuilder()
            .parse(
                new java.io.ByteArrayInputStream(
                    ("<saml:EncryptedAssertion"
                            + " xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\">"
                            + "<saml:Assertion ID=\"_a\"><saml:Issuer>x</saml:Issuer>"
                            + "<saml:Subject><saml:NameID>Anna</saml:NameID></saml:Subject>"
                            + "</saml:Assertion></saml:EncryptedAssertion>")
                        .getBytes(StandardCharsets.UTF_8)));
    Element assertion = (Element) document.getDocumentElement().getFirstChild();
    return AssertionEncryption.encrypt(
        document, assertion, recipient.getEntityCertificate(), keyTransport);
  }
}
