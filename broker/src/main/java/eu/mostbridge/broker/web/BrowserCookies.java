package eu.mostbridge.broker.web;

import eu.mostbridge.broker.config.BrokerConfig;
import eu.mostbridge.broker.config.IssuerUrl;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;
import java.util.ArrayList;
import java.util.List;

/**
 * The cookie that binds logins to the browser that started them. It holds one random key per login
 * in flight in this browser (at most {@link #MAX_KEYS}, the oldest dropped first); a login stores
 * only its key's SHA-256. Each login gets a fresh key when it starts, and a fresh one again when
 * the national eID's answer arrives: a value someone planted in the browser (session fixation), or
 * read from it, before either moment opens nothing of the login after it. Parallel logins in other
 * tabs keep their own keys. Nothing of it is stored server-side, so a client cannot make Most hold
 * anything with it; it carries no personal data and ends with the browser session.
 *
 * <p>Under https it is {@code __Host-most_browser}: {@code Secure}, host-only, path {@code /}, so
 * neither a sibling subdomain nor a plain-http answer can set or shadow it. It is {@code HttpOnly}
 * and {@code SameSite=Lax} (sent on top-level navigations back from the national eID, never on
 * cross-site sub-requests). A request carrying two cookies of its name (one planted with another
 * domain or path beside Most's own) is refused, not resolved by picking one.
 */
@ApplicationScoped
public class BrowserCookies {
  /** The name on plain http (the demo, tests): browsers refuse the prefix without Secure. */
  public static final String PLAIN_NAME = "most_browser";

  /** The name under https. */
  public static final String HOST_NAME = "__Host-most_browser";

  /** Logins in flight one browser keeps at once; the oldest key goes first (under 400 bytes). */
  public static final int MAX_KEYS = 8;

  private static final String SEPARATOR = ".";

  /** What a request carries of the binding cookie. */
  public sealed interface Presented {
    /** The login keys it holds, oldest first; empty when none. */
    default List<String> keys() {
      return List.of();
    }
  }

  /** No binding cookie, or one Most cannot have issued. */
  public record None() implements Presented {}

  /** Exactly one binding cookie, with its login keys. */
  public record One(List<String> keys) implements Presented {
    public One {
      keys = List.copyOf(keys);
    }
  }

  /** Two or more cookies of the binding cookie's name: refused. */
  public record Several(int count) implements Presented {}

  private final boolean secure;
  private final String name;

  @Inject
  public BrowserCookies(BrokerConfig config) {
    this(IssuerUrl.of(config).secure());
  }

  public BrowserCookies(boolean secure) {
    this.secure = secure;
    this.name = secure ? HOST_NAME : PLAIN_NAME;
  }

  public String name() {
    return name;
  }

  /** Whether cookies are {@code Secure}: the issuer is https. */
  public boolean secure() {
    return secure;
  }

  /** The binding cookie of this request, read from every {@code Cookie} header it has. */
  public Presented read(HttpHeaders headers) {
    return read(headers.getRequestHeader(HttpHeaders.COOKIE));
  }

  /** The binding cookie among {@code cookieHeaders} (HTTP/2 may split one into several). */
  public Presented read(List<String> cookieHeaders) {
    String found = null;
    int count = 0;
    if (cookieHeaders != null) {
      for (String header : cookieHeaders) {
        for (String pair : header.split(";", -1)) {
          int equals = pair.indexOf('=');
          if (equals < 0 || !pair.substring(0, equals).trim().equals(name)) {
            continue;
          }
          count++;
          found = unquoted(pair.substring(equals + 1).trim());
        }
      }
    }
    if (count > 1) {
      return new Several(count);
    }
    if (count == 0 || found.length() > MAX_KEYS * 44) {
      return new None();
    }
    List<String> keys = new ArrayList<>();
    for (String key : found.split("\\.", -1)) {
      if (!RandomTokens.wellFormed(key)) {
        return new None();
      }
      keys.add(key);
    }
    return new One(keys);
  }

  /** A value as RFC 2965 clients (the JDK's) send it: in quotes. */
  private static String unquoted(String value) {
    return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
        ? value.substring(1, value.length() - 1)
        : value;
  }

  /** The cookie's next value: what {@code presented} holds and {@code key} for a new login. */
  public NewCookie adding(Presented presented, String key) {
    List<String> keys = new ArrayList<>(presented.keys());
    keys.remove(key);
    keys.add(key);
    while (keys.size() > MAX_KEYS) {
      keys.remove(0);
    }
    return issue(keys);
  }

  /** The cookie's next value: {@code presented} with {@code oldKey} replaced by {@code newKey}. */
  public NewCookie replacing(Presented presented, String oldKey, String newKey) {
    List<String> keys = new ArrayList<>(presented.keys());
    keys.remove(oldKey);
    keys.add(newKey);
    while (keys.size() > MAX_KEYS) {
      keys.remove(0);
    }
    return issue(keys);
  }

  /** Deletes the cookie (logout). */
  public NewCookie expired() {
    return builder("").maxAge(0).build();
  }

  private NewCookie issue(List<String> keys) {
    return builder(String.join(SEPARATOR, keys)).build();
  }

  private NewCookie.Builder builder(String value) {
    return new NewCookie.Builder(name)
        .value(value)
        .path("/")
        .httpOnly(true)
        .secure(secure)
        .sameSite(NewCookie.SameSite.LAX);
  }
}
