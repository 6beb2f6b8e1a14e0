package eu.mostbridge.saml.eidas;

import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.saml.AlgorithmPolicy;
import java.net.URI;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.opensaml.security.x509.BasicX509Credential;

/**
 * Most as the eIDAS identity provider of one origin country's citizens (ProxyService-shaped): what
 * its metadata publishes and its messages are signed with.
 *
 * @param nodeCountry the citizens' country, published as {@code eidas:NodeCountry} and the first
 *     two letters of every PersonIdentifier it asserts
 * @param entityId the HTTPS URL its metadata is served from, also the Issuer of every message
 * @param singleSignOnService where connectors send AuthnRequests, over HTTP-POST or HTTP-Redirect
 * @param signing the key that signs metadata and responses, with its certificate
 * @param nextSigning certificates published ahead of use, so connectors trust a new key before it
 *     signs (a rollover)
 * @param encryption the encryption certificate, separate from the signing one as the profile asks
 * @param signatureAlgorithm ECDSA (P-256 keys, the default) or RSASSA-PSS (RSA of 3072 bits or
 *     more)
 * @param levels the levels its national eIDs reach, all of one family (notified or not)
 * @param publisher the Organization and ContactPersons of the metadata
 */
public record ProxyServiceIdentity(
    CountryCode nodeCountry,
    String entityId,
    URI singleSignOnService,
    BasicX509Credential signing,
    List<X509Certificate> nextSigning,
    X509Certificate encryption,
    String signatureAlgorithm,
    List<EidasLevel> levels,
    Publisher publisher) {

  public ProxyServiceIdentity {
    Objects.requireNonNull(nodeCountry, "nodeCountry");
    Objects.requireNonNull(entityId, "entityId");
    Objects.requireNonNull(singleSignOnService, "singleSignOnService");
    Objects.requireNonNull(signing, "signing");
    Objects.requireNonNull(encryption, "encryption");
    Objects.requireNonNull(publisher, "publisher");
    nextSigning = List.copyOf(nextSigning);
    levels = List.copyOf(levels);
    String name = "The eIDAS identity provider for " + nodeCountry;
    if (signing.getPrivateKey() == null) {
      throw new IllegalArgumentException(name + ": the signing credential has no private key");
    }
    if (signing.getPublicKey().equals(encryption.getPublicKey())) {
      throw new IllegalArgumentException(
          name + ": the signing and the encryption key are the same; the profile asks for two");
    }
    checkSigningKey(name, signing.getPublicKey(), signatureAlgorithm);
    for (X509Certificate next : nextSigning) {
      checkSigningKey(name + " (a next signing key)", next.getPublicKey(), signatureAlgorithm);
    }
    if (levels.isEmpty()) {
      throw new IllegalArgumentException(name + ": no national eID reaches any level");
    }
    if (levels.stream().map(EidasLevel::notified).distinct().count() > 1) {
      throw new IllegalArgumentException(
          name
              + ": its national eIDs are partly notified and partly not; the two families of"
              + " levels never mix in one identity provider");
    }
  }

  /**
   * Whether the levels are notified ones (compared with {@code minimum}) or not ({@code exact}).
   */
  public boolean notified() {
    return levels.get(0).notified();
  }

  /**
   * A signature algorithm this key can make under the eIDAS profile: ECDSA with an EC key of 256
   * bits or more, RSASSA-PSS with an RSA key of 3072 bits or more.
   */
  static void checkSigningKey(String name, PublicKey key, String algorithm) {
    boolean ecdsa = algorithm != null && algorithm.contains("#ecdsa-");
    boolean pss = algorithm != null && algorithm.endsWith("-rsa-MGF1");
    if (!AlgorithmPolicy.eidasStrict().allowsSignature(algorithm) || !(ecdsa || pss)) {
      throw new IllegalArgumentException(
          name + ": " + algorithm + " is not an ECDSA or RSASSA-PSS algorithm of the profile");
    }
    if (ecdsa && !(key instanceof ECPublicKey)) {
      throw new IllegalArgumentException(name + ": " + algorithm + " needs an EC key");
    }
    if (pss && !(key instanceof RSAPublicKey)) {
      throw new IllegalArgumentException(name + ": " + algorithm + " needs an RSA key");
    }
    if (!AlgorithmPolicy.eidasStrict().allowsSigningKey(key)) {
      throw new IllegalArgumentException(
          name + ": the key is too short (RSA needs 3072 bits or more, EC 256 or more)");
    }
  }

  /**
   * Who runs the identity provider, for the metadata's Organization and ContactPersons.
   *
   * @param organizationName the legal name
   * @param displayName the name shown to people
   * @param url the organisation's web site
   * @param contacts at least a support and a technical contact
   */
  public record Publisher(
      String organizationName, String displayName, URI url, List<Contact> contacts) {
    public Publisher {
      Objects.requireNonNull(organizationName, "organizationName");
      Objects.requireNonNull(displayName, "displayName");
      Objects.requireNonNull(url, "url");
      contacts = List.copyOf(contacts);
    }
  }

  /**
   * A ContactPerson.
   *
   * @param type {@code support} or {@code technical}
   * @param company the company, if any
   * @param email the address, without {@code mailto:}
   */
  public record Contact(Type type, Optional<String> company, String email) {
    public Contact {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(email, "email");
    }

    public enum Type {
      SUPPORT,
      TECHNICAL
    }
  }
}
