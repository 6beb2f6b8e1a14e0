package eu.mostbridge.simulator.eidas;

import static org.assertj.core.api.Assertions.assertThat;

import eu.mostbridge.saml.AssertionDecryption;
import eu.mostbridge.saml.SamlXmlParser;
import eu.mostbridge.simulator.SimulatorKeys;
import eu.mostbridge.simulator.xml.Xml;
import eu.mostbridge.simulator.xml.XmlEncryption;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opensaml.security.x509.BasicX509Credential;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The simulated ProxyService's encryption, written with plain JCA, opened by Most's connector
 * (Santuario): the two share no code, so a misreading of XML Encryption 1.1 on either side fails.
 */
class ProxyServiceEncryptionTest {
  private static final String ASSERTION =
      "<saml2:Assertion xmlns:saml2=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"_x\">"
          + "<saml2:Issuer>https://ps.example</saml2:Issuer></saml2:Assertion>";

  @Test
  void anAssertionWhoseKeyTheSimulatorAgreedByEcdhEsOpensWithMostsEcKey() throws Exception {
    SimulatorKeys connector = SimulatorKeys.ec("Most connector encryption");

    Element opened = decrypted(connector, XmlEncryption.ECDH_ES);

    assertThat(opened.getLocalName()).isEqualTo("Assertion");
    assertThat(opened.getTextContent()).isEqualTo("https://ps.example");
  }

  @Test
  void anAssertionWhoseKeyTheSimulatorTransportedByRsaOaepOpensWithMostsRsaKey() throws Exception {
    SimulatorKeys connector = SimulatorKeys.rsa("Most connector encryption", 3072);

    assertThat(decrypted(connector, XmlEncryption.RSA_OAEP).getLocalName()).isEqualTo("Assertion");
  }

  private static Element decrypted(SimulatorKeys connector, String keyTransport) throws Exception {
    Document document = Xml.newDocument();
    Element wrapper =
        document.createElementNS(
            "urn:oasis:names:tc:SAML:2.0:assertion", "saml2:EncryptedAssertion");
    document.appendChild(wrapper);
    wrapper.appendChild(
        XmlEncryption.encrypt(
            document,
            ASSERTION.getBytes(StandardCharsets.UTF_8),
            connector.certificate(),
            XmlEncryption.AES256_GCM,
            keyTransport));
    Element data = Xml.parse(Xml.toBytes(document)).getDocumentElement();
    Element encryptedData = (Element) data.getFirstChild();
    return AssertionDecryption.decryptElement(
        encryptedData,
        List.of(new BasicX509Credential(connector.certificate(), connector.privateKey())),
        new SamlXmlParser());
  }
}
