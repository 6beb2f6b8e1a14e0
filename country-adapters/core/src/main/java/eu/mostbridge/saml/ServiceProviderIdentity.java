package eu.mostbridge.saml;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import org.opensaml.security.x509.BasicX509Credential;

/**
 * Most as a SAML service provider towards one IdP: its entity ID, its assertion consumer service,
 * the key it signs requests with, and the keys assertions may be encrypted to (several during a
 * rollover).
 *
 * @param entityId the SP entity ID, sent as Issuer and expected as Audience
 * @param assertionConsumerService the ACS URL, expected as Destination and Recipient
 * @param signing the request-signing credential (private key and certificate)
 * @param decryption the credentials whose private keys may decrypt assertions
 */
public record ServiceProviderIdentity(
    String entityId,
    URI assertionConsumerService,
    BasicX509Credential signing,
    List<BasicX509Credential> decryption) {
  public ServiceProviderIdentity {
    Objects.requireNonNull(entityId, "entityId");
    Objects.requireNonNull(assertionConsumerService, "assertionConsumerService");
    Objects.requireNonNull(signing, "signing");
    decryption = List.copyOf(decryption);
    if (signing.getPrivateKey() == null) {
      throw new IllegalArgumentException(
          "SP " + entityId + ": the signing credential has no private key");
    }
  }
}
