package eu.mostbridge.saml.eidas;

import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.saml.AlgorithmPolicy;
import eu.mostbridge.saml.ServiceProviderIdentity;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import org.opensaml.security.x509.BasicX509Credential;

/**
 * Most as an eIDAS connector (the service-provider side of the eIDAS network): what its metadata
 * publishes and its requests are signed with.
 *
 * @param entityId the HTTPS URL its metadata is served from, also the Issuer of every request and
 *     the Audience expected in every answer
 * @param nodeCountry the country of the services behind it, published as {@code eidas:NodeCountry}
 *     and expected as the second two letters of every PersonIdentifier it receives
 * @param assertionConsumerService where ProxyServices answer (HTTP-POST)
 * @param spType the kind of relying parties behind it, published in the metadata and therefore
 *     never sent in a request
 * @param signing the key that signs metadata and requests
 * @param encryption the keys answers may be encrypted to (EC for ECDH-ES, RSA for RSA-OAEP; several
 *     during a rollover), none of them the signing key
 * @param signatureAlgorithm ECDSA or RSASSA-PSS
 * @param publisher the Organization and ContactPersons of the metadata
 */
public record ConnectorIdentity(
    String entityId,
    CountryCode nodeCountry,
    URI assertionConsumerService,
    ConnectorPeer.SpType spType,
    BasicX509Credential signing,
    List<BasicX509Credential> encryption,
    String signatureAlgorithm,
    ProxyServiceIdentity.Publisher publisher) {
  public ConnectorIdentity {
    Objects.requireNonNull(entityId, "entityId");
    Objects.requireNonNull(nodeCountry, "nodeCountry");
    Objects.requireNonNull(assertionConsumerService, "assertionConsumerService");
    Objects.requireNonNull(spType, "spType");
    Objects.requireNonNull(signing, "signing");
    Objects.requireNonNull(signatureAlgorithm, "signatureAlgorithm");
    Objects.requireNonNull(publisher, "publisher");
    encryption = List.copyOf(encryption);
    if (signing.getPrivateKey() == null) {
      throw new IllegalArgumentException("The eIDAS connector's signing key has no private key");
    }
    if (encryption.isEmpty()) {
      throw new IllegalArgumentException("The eIDAS connector has no encryption key");
    }
    AlgorithmPolicy strict = AlgorithmPolicy.eidasStrict();
    if (!strict.allowsSignature(signatureAlgorithm)
        || !strict.allowsSigningKey(signing.getPublicKey())
        || signing.getPublicKey().getAlgorithm().equals("EC")
            != signatureAlgorithm.contains("ecdsa")) {
      throw new IllegalArgumentException(
          "The eIDAS connector's signing key does not fit "
              + signatureAlgorithm
              + " (ECDSA needs EC of 256 bits or more, RSASSA-PSS RSA of 3072 or more)");
    }
    for (BasicX509Credential key : encryption) {
      if (key.getPrivateKey() == null) {
        throw new IllegalArgumentException("An eIDAS connector encryption key has no private key");
      }
      if (key.getPublicKey().equals(signing.getPublicKey())) {
        throw new IllegalArgumentException(
            "The eIDAS connector signs and decrypts with one key; the profile asks for two");
      }
      if (!strict.allowsSigningKey(key.getPublicKey())) {
        throw new IllegalArgumentException(
            "An eIDAS connector encryption key is too weak (RSA needs 3072 bits, EC 256)");
      }
    }
  }

  /** The SAML service provider the response checks hold answers to. */
  public ServiceProviderIdentity serviceProvider() {
    return new ServiceProviderIdentity(entityId, assertionConsumerService, signing, encryption);
  }
}
