package eu.mostbridge.saml;

import eu.mostbridge.config.ConfigSection;
import eu.mostbridge.config.InvalidConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.opensaml.security.x509.BasicX509Credential;

/**
 * Reads the keys every SAML national eID's section shares (docs/BROKER.md): Most's service provider
 * ({@code sp-keystore}, its password and aliases, {@code sp-entity-id}) and the identity provider
 * it trusts ({@code idp-entity-id}, {@code idp-sso-url}, {@code idp-certificates}, {@code
 * relaxations}, {@code require-encrypted-assertions}), besides {@code binding} and {@code
 * request-signature-algorithm}.
 */
public final class SamlPeerSection {
  private SamlPeerSection() {}

  /** Most's service provider: entity ID {@code defaultEntityId} unless {@code sp-entity-id}. */
  public static ServiceProviderIdentity serviceProvider(
      ConfigSection section, String defaultEntityId, URI assertionConsumerService) {
    String key = section.keyName("sp-keystore");
    try (InputStream in = Files.newInputStream(section.requiredPath("sp-keystore"))) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      char[] password = section.required("sp-keystore-password").toCharArray();
      store.load(in, password);
      List<BasicX509Credential> decryption = new ArrayList<>();
      for (String previous : section.list("sp-previous-encryption-aliases").orElse(List.of())) {
        decryption.add(credential(key, store, previous, password));
      }
      // The current key last: eAuth encrypts to the last encryption key of the metadata.
      decryption.add(
          credential(
              key, store, section.string("sp-encryption-alias").orElse("encryption"), password));
      return new ServiceProviderIdentity(
          section.string("sp-entity-id").orElse(defaultEntityId),
          assertionConsumerService,
          credential(key, store, section.string("sp-signing-alias").orElse("signing"), password),
          decryption);
    } catch (IOException | GeneralSecurityException e) {
      throw new InvalidConfigurationException(key + " cannot be read: " + e.getMessage(), e);
    }
  }

  private static BasicX509Credential credential(
      String key, KeyStore store, String alias, char[] password) throws GeneralSecurityException {
    if (!(store.getKey(alias, password) instanceof PrivateKey privateKey)
        || !(store.getCertificate(alias) instanceof X509Certificate certificate)) {
      throw new InvalidConfigurationException(
          key + " has no private key with certificate named " + alias);
    }
    return new BasicX509Credential(certificate, privateKey);
  }

  /**
   * The identity provider, relaxed by the section's {@code relaxations} or else {@code defaults}.
   */
  public static IdentityProviderPeer identityProvider(
      ConfigSection section, Set<AlgorithmPolicy.Relaxation> defaults) {
    List<X509Certificate> certificates = new ArrayList<>();
    String key = section.keyName("idp-certificates");
    try (InputStream in = Files.newInputStream(section.requiredPath("idp-certificates"))) {
      CertificateFactory.getInstance("X.509")
          .generateCertificates(in)
          .forEach(c -> certificates.add((X509Certificate) c));
    } catch (IOException | GeneralSecurityException e) {
      throw new InvalidConfigurationException(key + " cannot be read: " + e.getMessage(), e);
    }
    if (certificates.isEmpty()) {
      throw new InvalidConfigurationException(key + " holds no certificate");
    }
    return IdentityProviderPeer.strict(
            section.required("idp-entity-id"),
            section.requiredUri("idp-sso-url"),
            certificates,
            AlgorithmPolicy.eidasStrict().relaxedBy(relaxations(section, defaults)))
        .withAssertionRequirements(section.bool("require-encrypted-assertions").orElse(true), true);
  }

  /** The section's {@code relaxations}, which replace {@code defaults} when given. */
  public static Set<AlgorithmPolicy.Relaxation> relaxations(
      ConfigSection section, Set<AlgorithmPolicy.Relaxation> defaults) {
    return section.enumSet("relaxations", AlgorithmPolicy.Relaxation.class).orElse(defaults);
  }

  /** How requests travel: {@code binding}, POST unless told. */
  public static SamlBinding binding(ConfigSection section) {
    return section.enumValue("binding", SamlBinding.class).orElse(SamlBinding.POST);
  }
}
