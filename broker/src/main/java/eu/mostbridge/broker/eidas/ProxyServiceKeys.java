package eu.mostbridge.broker.eidas;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import org.opensaml.security.x509.BasicX509Credential;

/**
 * The keys of one eIDAS identity provider.
 *
 * @param signing the key that signs, with its certificate
 * @param nextSigning certificates published before they sign
 * @param encryption the encryption certificate
 * @param signatureAlgorithm the signature algorithm URI
 */
public record ProxyServiceKeys(
    BasicX509Credential signing,
    List<X509Certificate> nextSigning,
    X509Certificate encryption,
    String signatureAlgorithm) {
  public ProxyServiceKeys {
    Objects.requireNonNull(signing, "signing");
    nextSigning = List.copyOf(nextSigning);
    Objects.requireNonNull(encryption, "encryption");
    Objects.requireNonNull(signatureAlgorithm, "signatureAlgorithm");
  }
}
