package eu.mostbridge.saml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opensaml.security.x509.BasicX509Credential;

class RedirectBindingTest {
  private static final byte[] XML =
      "<samlp:AuthnRequest xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" ID=\"_1\"/>"
          .getBytes(StandardCharsets.UTF_8);

  private static Map<String, String> query(URI uri) {
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String pair : uri.getRawQuery().split("&", -1)) {
      String[] kv = pair.split("=", 2);
      parameters.put(kv[0], kv[1]);
    }
    return parameters;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        AlgorithmPolicy.RSA_PSS_SHA256,
        AlgorithmPolicy.ECDSA_SHA256,
        AlgorithmPolicy.RSA_SHA256,
        AlgorithmPolicy.RSA_SHA1
      })
  void signsTheExactQueryStringVerifiableWithThePublicKey(String algorithm) throws Exception {
    BasicX509Credential key =
        algorithm.equals(AlgorithmPolicy.ECDSA_SHA256) ? TestKeys.IDP_EC : TestKeys.SP_SIGNING;
    URI uri =
        RedirectBinding.encodeRequest(
            URI.create("https://idp.test/sso?lang=bg"), XML, "relay&state=1", key, algorithm);

    assertThat(uri.toString()).startsWith("https://idp.test/sso?lang=bg&SAMLRequest=");
    String raw = uri.getRawQuery();
    String signed = raw.substring(raw.indexOf("SAMLRequest="), raw.indexOf("&Signature="));
    Map<String, String> q = query(uri);
    assertThat(URLDecoder.decode(q.get("RelayState"), StandardCharsets.UTF_8))
        .isEqualTo("relay&state=1");
    assertThat(URLDecoder.decode(q.get("SigAlg"), StandardCharsets.UTF_8)).isEqualTo(algorithm);
    Signature verifier = RedirectBinding.jca(algorithm);
    verifier.initVerify(key.getEntityCertificate().getPublicKey());
    verifier.update(signed.getBytes(StandardCharsets.UTF_8));
    byte[] signature =
        Base64.getDecoder().decode(URLDecoder.decode(q.get("Signature"), StandardCharsets.UTF_8));
    assertThat(verifier.verify(signature)).isTrue();
    if (algorithm.equals(AlgorithmPolicy.ECDSA_SHA256)) {
      assertThat(signature).as("XML Signature's r||s form, not DER").hasSize(64);
    }
    assertThat(
            RedirectBinding.inflate(
                URLDecoder.decode(q.get("SAMLRequest"), StandardCharsets.UTF_8), 10_000))
        .isEqualTo(XML);
  }

  @Test
  void refusesToInflateABomb() {
    byte[] zeros = new byte[50_000_000];
    String bomb = RedirectBinding.deflate(zeros);
    assertThat(bomb.length()).as("a few kilobytes").isLessThan(100_000);

    assertThatThrownBy(() -> RedirectBinding.inflate(bomb, SamlXmlParser.DEFAULT_MAX_BYTES))
        .isInstanceOf(MalformedSamlException.class)
        .hasMessageContaining("inflates beyond");
  }

  @Test
  void refusesNonDeflateAndTruncatedData() {
    assertThatThrownBy(() -> RedirectBinding.inflate("!!!", 1000)).hasMessageContaining("Base64");
    String whole = RedirectBinding.deflate(XML);
    byte[] bytes = Base64.getDecoder().decode(whole);
    String truncated =
        Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertThatThrownBy(() -> RedirectBinding.inflate(truncated, 1000))
        .isInstanceOf(MalformedSamlException.class);
  }
}
