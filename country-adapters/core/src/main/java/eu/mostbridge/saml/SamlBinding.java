package eu.mostbridge.saml;

import eu.mostbridge.adapter.BrowserStep;
import org.opensaml.saml.saml2.core.AuthnRequest;
import org.opensaml.security.x509.BasicX509Credential;

/** How an AuthnRequest travels to the identity provider, and how it is signed for that. */
public enum SamlBinding {
  /** HTTP-POST, with an enveloped XML signature. */
  POST,
  /** HTTP-Redirect, signed over the query string. */
  REDIRECT;

  /** The browser step that carries {@code request}, signed as this binding requires. */
  public BrowserStep carry(
      AuthnRequest request, BasicX509Credential signingKey, String signatureAlgorithm) {
    java.net.URI destination = java.net.URI.create(request.getDestination());
    return switch (this) {
      case POST -> {
        SamlMessages.sign(request, signingKey, signatureAlgorithm, digestFor(signatureAlgorithm));
        yield PostBinding.request(destination, SamlMessages.toBytes(request), null);
      }
      case REDIRECT ->
          new BrowserStep.Redirect(
              RedirectBinding.encodeRequest(
                  destination,
                  SamlMessages.toBytes(request),
                  null,
                  signingKey,
                  signatureAlgorithm));
    };
  }

  /** SHA-1 digests go with RSA-SHA1 signatures (a relaxation); SHA-256 with everything else. */
  static String digestFor(String signatureAlgorithm) {
    return AlgorithmPolicy.RSA_SHA1.equals(signatureAlgorithm)
        ? AlgorithmPolicy.SHA1
        : AlgorithmPolicy.SHA256;
  }
}
