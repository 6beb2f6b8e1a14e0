package eu.mostbridge.broker.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * What the caches keep of a bearer secret (a code, an access token, the browser cookie): its
 * SHA-256, so that nothing a cache holds, or a replica hands another, can be presented as one.
 */
public final class SecretKeys {
  private SecretKeys() {}

  public static String of(String secret) {
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
