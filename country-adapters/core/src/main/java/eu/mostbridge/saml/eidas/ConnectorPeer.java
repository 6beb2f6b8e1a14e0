package eu.mostbridge.saml.eidas;

import eu.mostbridge.identity.CountryCode;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An eIDAS connector (or any SAML service provider) as its checked metadata describes it: only what
 * Most needs to trust its requests and answer them.
 *
 * @param entityId its entity ID, expected as the Issuer of its requests and sent as Audience
 * @param nodeCountry its {@code eidas:NodeCountry}: the country of the services behind it, the
 *     destination in the PersonIdentifier; empty when the metadata names none
 * @param spType its {@code eidas:SPType} ({@code public} or {@code private}) when the metadata
 *     declares it, in which case a request must not
 * @param signingCertificates the certificates its requests may be signed with (several during a
 *     rollover)
 * @param encryptionKeys the certificates answers may be encrypted to, each with the algorithms it
 *     declares
 * @param assertionConsumerServices its HTTP-POST assertion consumer services, in metadata order
 * @param protocolVersions the eIDAS protocol versions it declares (entity attribute)
 * @param validUntil when the metadata expires, if it says
 */
public record ConnectorPeer(
    String entityId,
    Optional<CountryCode> nodeCountry,
    Optional<SpType> spType,
    List<X509Certificate> signingCertificates,
    List<EncryptionKey> encryptionKeys,
    List<AssertionConsumerService> assertionConsumerServices,
    List<String> protocolVersions,
    Optional<Instant> validUntil) {

  public ConnectorPeer {
    Objects.requireNonNull(entityId, "entityId");
    Objects.requireNonNull(nodeCountry, "nodeCountry");
    Objects.requireNonNull(spType, "spType");
    signingCertificates = List.copyOf(signingCertificates);
    encryptionKeys = List.copyOf(encryptionKeys);
    assertionConsumerServices = List.copyOf(assertionConsumerServices);
    protocolVersions = List.copyOf(protocolVersions);
    Objects.requireNonNull(validUntil, "validUntil");
  }

  /** The ACS answers go to when the request names none: the default, else the first. */
  public AssertionConsumerService defaultAssertionConsumerService() {
    return assertionConsumerServices.stream()
        .filter(AssertionConsumerService::isDefault)
        .findFirst()
        .orElse(assertionConsumerServices.get(0));
  }

  /** The kind of service behind a connector: the public sector, or a private one. */
  public enum SpType {
    PUBLIC("public"),
    PRIVATE("private");

    private final String value;

    SpType(String value) {
      this.value = value;
    }

    /** As the profile writes it. */
    public String value() {
      return value;
    }

    /** The type {@code value} names, exactly; empty for anything else. */
    public static Optional<SpType> parse(String value) {
      for (SpType type : values()) {
        if (type.value.equals(value)) {
          return Optional.of(type);
        }
      }
      return Optional.empty();
    }
  }

  /**
   * An encryption certificate with the EncryptionMethods declared beside it.
   *
   * @param certificate the certificate
   * @param algorithms the algorithm URIs declared for it, in metadata order (may be empty)
   */
  public record EncryptionKey(X509Certificate certificate, List<String> algorithms) {
    public EncryptionKey {
      Objects.requireNonNull(certificate, "certificate");
      algorithms = List.copyOf(algorithms);
    }
  }

  /**
   * An assertion consumer service over HTTP-POST.
   *
   * @param location its URL, compared exactly with a request's
   * @param index its index
   * @param isDefault whether it is marked the default
   */
  public record AssertionConsumerService(URI location, int index, boolean isDefault) {
    public AssertionConsumerService {
      Objects.requireNonNull(location, "location");
    }
  }
}
