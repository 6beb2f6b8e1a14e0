package eu.mostbridge.broker.eidas;

import eu.mostbridge.broker.connector.EidasConfig;
import eu.mostbridge.identity.CountryCode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.opensaml.security.x509.BasicX509Credential;

/**
 * The identity providers' keys from {@code most.eidas.proxy-services.<country>.*}: one PKCS#12 key
 * store each. A store that cannot be read, or lacks an alias, stops start-up naming the key.
 */
@ApplicationScoped
public class ConfiguredProxyServiceKeys implements ProxyServiceKeySource {
  private final EidasConfig config;

  public ConfiguredProxyServiceKeys(EidasConfig config) {
    this.config = config;
  }

  @Override
  public Map<CountryCode, ProxyServiceKeys> keys() {
    Map<CountryCode, ProxyServiceKeys> keys = new LinkedHashMap<>();
    config
        .proxyServices()
        .forEach((country, section) -> keys.put(country(country), read(country, section)));
    return keys;
  }

  /** The country a section's name stands for: {@code mk} for MK. */
  static CountryCode country(String name) {
    String key = "most.eidas.proxy-services." + name;
    if (!name.equals(name.toLowerCase(Locale.ROOT))) {
      throw new IllegalStateException(key + ": name the country in lower case, as in its URLs");
    }
    try {
      return CountryCode.of(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(key + ": " + name + " is not a country code", e);
    }
  }

  private static ProxyServiceKeys read(String country, EidasConfig.ProxyServiceKeys section) {
    String key = "most.eidas.proxy-services." + country + ".keystore";
    try (InputStream in = Files.newInputStream(section.keystore())) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      char[] password = section.keystorePassword().toCharArray();
      store.load(in, password);
      if (!(store.getKey(section.signingAlias(), password) instanceof PrivateKey privateKey)) {
        throw new IllegalStateException(
            key + " has no private key named " + section.signingAlias());
      }
      X509Certificate signing = certificate(store, section.signingAlias(), key);
      if (!pair(privateKey, signing)) {
        throw new IllegalStateException(
            key
                + ": the certificate of "
                + section.signingAlias()
                + " is not its private key's: connectors could verify nothing it signs");
      }
      List<X509Certificate> next = new ArrayList<>();
      for (String alias : section.nextSigningAliases().orElse(List.of())) {
        next.add(certificate(store, alias, key));
      }
      return new ProxyServiceKeys(
          new BasicX509Credential(signing, privateKey),
          next,
          certificate(store, section.encryptionAlias(), key),
          section.signatureAlgorithm());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(key + " cannot be read: " + e.getMessage(), e);
    }
  }

  /** Whether {@code certificate} holds the public half of {@code key}: one signature tells. */
  static boolean pair(PrivateKey key, X509Certificate certificate) {
    try {
      String algorithm = "EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
      byte[] probe = "most eIDAS key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      java.security.Signature signer = java.security.Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      java.security.Signature verifier = java.security.Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static X509Certificate certificate(KeyStore store, String alias, String key)
      throws GeneralSecurityException {
    if (!(store.getCertificate(alias) instanceof X509Certificate certificate)) {
      throw new IllegalStateException(key + " has no certificate named " + alias);
    }
    return certificate;
  }
}
