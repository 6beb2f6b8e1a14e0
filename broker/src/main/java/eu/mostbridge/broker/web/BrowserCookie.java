package eu.mostbridge.broker.web;

import jakarta.ws.rs.core.NewCookie;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The cookie that binds a login to the browser that started it: random, HttpOnly, SameSite=Lax
 * (sent on top-level navigations back from the national eID, never on cross-site sub-requests),
 * Secure whenever the broker is served over https. It holds no personal data and ends with the
 * browser session.
 */
public final class BrowserCookie {
  public static final String NAME = "most_browser";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_-]{43}");

  private BrowserCookie() {}

  /** A well-formed value: 43 base64url characters. */
  public static boolean valid(String value) {
    return value != null && VALUE.matcher(value).matches();
  }

  public static String newValue() {
    return randomToken();
  }

  /** 256 random bits, base64url: for flow ids, CSRF tokens, codes, access tokens. */
  public static String randomToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static NewCookie of(String value, boolean secure) {
    return new NewCookie.Builder(NAME)
        .value(value)
        .path("/")
        .httpOnly(true)
        .secure(secure)
        .sameSite(NewCookie.SameSite.LAX)
        .build();
  }

  /** Deletes the cookie (logout). */
  public static NewCookie expired(boolean secure) {
    return new NewCookie.Builder(NAME)
        .value("")
        .path("/")
        .httpOnly(true)
        .secure(secure)
        .sameSite(NewCookie.SameSite.LAX)
        .maxAge(0)
        .build();
  }
}
