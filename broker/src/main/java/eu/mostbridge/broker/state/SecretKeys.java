package eu.mostbridge.broker.state;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Cache keys for bearer secrets (codes, access tokens): their SHA-256, so that what the cache holds
 * cannot be presented as a code or token.
 */
final class SecretKeys {
  private SecretKeys() {}

  static String of(String secret) {
    try {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(
              MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
