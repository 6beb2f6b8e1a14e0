package eu.mostbridge.simulator.saml;

import java.security.cert.X509Certificate;

/**
 * A service provider registered with the simulator, as eAuth knows its SPs from their metadata.
 *
 * @param entityId the Issuer its requests carry
 * @param assertionConsumerService where answers go
 * @param signingCertificate the only key its requests may be signed with
 * @param encryptionCertificate the key assertions are encrypted to, when encryption is on
 */
public record RegisteredServiceProvider(
    String entityId,
    String assertionConsumerService,
    X509Certificate signingCertificate,
    X509Certificate encryptionCertificate) {}
