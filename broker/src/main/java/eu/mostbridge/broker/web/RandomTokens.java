package eu.mostbridge.broker.web;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/** 256 random bits, base64url: login ids, CSRF tokens, codes, access tokens, cookie values. */
public final class RandomTokens {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

  private RandomTokens() {}

  public static String next() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Whether {@code value} has the shape of one: 43 base64url characters. */
  public static boolean wellFormed(String value) {
    return value != null && SHAPE.matcher(value).matches();
  }
}
