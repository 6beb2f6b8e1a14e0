package eu.mostbridge.simulator.saml;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A service provider as the simulator knows it: registered in advance, or read from its metadata at
 * the request's Issuer URL, as eAuth does.
 *
 * @param entityId the Issuer its requests carry
 * @param assertionConsumerService where answers go
 * @param signingCertificates its signing keys; a request must verify with every one of them (as
 *     eAuth checks it)
 * @param encryptionCertificate the key assertions are encrypted to, when encryption is on; null
 *     when it published none
 */
public record RegisteredServiceProvider(
    String entityId,
    String assertionConsumerService,
    List<X509Certificate> signingCertificates,
    X509Certificate encryptionCertificate) {
  public RegisteredServiceProvider {
    signingCertificates = List.copyOf(signingCertificates);
  }

  /** A service provider with one signing key. */
  public RegisteredServiceProvider(
      String entityId,
      String assertionConsumerService,
      X509Certificate signingCertificate,
      X509Certificate encryptionCertificate) {
    this(entityId, assertionConsumerService, List.of(signingCertificate), encryptionCertificate);
  }
}
