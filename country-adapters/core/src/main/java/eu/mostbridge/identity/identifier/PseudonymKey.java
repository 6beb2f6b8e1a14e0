package eu.mostbridge.identity.identifier;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A secret key for person-identifier pseudonyms, with a short public id that is written into each
 * pseudonym so a relying party (and an operator) can tell which key generation produced it.
 */
public final class PseudonymKey {
  /** 256 bits: the HMAC-SHA-256 block of security; shorter keys are refused. */
  public static final int MIN_SECRET_BYTES = 32;

  private final String id;
  private final byte[] secret;

  public PseudonymKey(String id, byte[] secret) {
    if (id == null || !id.matches("[a-z0-9]{1,8}")) {
      throw new IllegalArgumentException("Pseudonym key id must be 1-8 of a-z and 0-9");
    }
    Objects.requireNonNull(secret, "secret");
    if (secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "Pseudonym key '"
              + id
              + "' has "
              + secret.length
              + " bytes; at least "
              + MIN_SECRET_BYTES
              + " are required");
    }
    this.id = id;
    this.secret = secret.clone();
  }

  /** A key from its Base64 (standard or URL-safe) text, as operators keep it in a secret. */
  public static PseudonymKey fromBase64(String id, String base64Secret) {
    Objects.requireNonNull(base64Secret, "base64Secret");
    String normalized = base64Secret.strip().replace('-', '+').replace('_', '/');
    try {
      return new PseudonymKey(id, Base64.getDecoder().decode(normalized));
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("Pseudonym key")) {
        throw e;
      }
      throw new IllegalArgumentException("Pseudonym key '" + id + "' is not valid Base64", e);
    }
  }

  public String id() {
    return id;
  }

  byte[] secret() {
    return secret.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PseudonymKey that
        && id.equals(that.id)
        && Arrays.equals(secret, that.secret);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "PseudonymKey[" + id + "]";
  }
}
