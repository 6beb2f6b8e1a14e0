package eu.mostbridge.broker.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.NewCookie;
import java.util.List;
import org.junit.jupiter.api.Test;

class BrowserCookiesTest {
  private static final String KEY_A = "A".repeat(43);
  private static final String KEY_B = "B".repeat(43);

  @Test
  void underHttpsTheCookieIsHostPrefixedSecureHttpOnlyAndLax() {
    NewCookie cookie = new BrowserCookies(true).adding(new BrowserCookies.None(), KEY_A);

    assertThat(cookie.getName()).isEqualTo("__Host-most_browser");
    assertThat(cookie.isSecure()).isTrue();
    assertThat(cookie.isHttpOnly()).isTrue();
    assertThat(cookie.getSameSite()).isEqualTo(NewCookie.SameSite.LAX);
    assertThat(cookie.getPath()).isEqualTo("/");
    assertThat(cookie.getDomain()).as("host-only, as the prefix demands").isNull();
  }

  @Test
  void onPlainHttpItHasNoPrefixBrowsersWouldRefuse() {
    NewCookie cookie = new BrowserCookies(false).adding(new BrowserCookies.None(), KEY_A);

    assertThat(cookie.getName()).isEqualTo("most_browser");
    assertThat(cookie.isSecure()).isFalse();
  }

  @Test
  void twoCookiesOfItsNameAreSeveralWhereverTheyCome() {
    BrowserCookies cookies = new BrowserCookies(false);

    assertThat(cookies.read(List.of("most_browser=" + KEY_A + "; most_browser=" + KEY_B)))
        .isEqualTo(new BrowserCookies.Several(2));
    assertThat(cookies.read(List.of("most_browser=" + KEY_A, "x=1; most_browser=" + KEY_B)))
        .isEqualTo(new BrowserCookies.Several(2));
  }

  @Test
  void onlyWellFormedKeysAreRead() {
    BrowserCookies cookies = new BrowserCookies(true);

    assertThat(cookies.read(List.of("__Host-most_browser=" + KEY_A + "." + KEY_B)).keys())
        .containsExactly(KEY_A, KEY_B);
    assertThat(cookies.read(List.of("__Host-most_browser=\"" + KEY_A + "\"")).keys())
        .containsExactly(KEY_A);
    assertThat(cookies.read(List.of("__Host-most_browser=" + KEY_A + ".x")))
        .isEqualTo(new BrowserCookies.None());
    assertThat(cookies.read(List.of("most_browser=" + KEY_A)))
        .as("the unprefixed name is not read under https")
        .isEqualTo(new BrowserCookies.None());
    assertThat(cookies.read((List<String>) null)).isEqualTo(new BrowserCookies.None());
  }

  @Test
  void aKeyReplacesAnotherAndTheOldestGoBeyondTheBound() {
    BrowserCookies cookies = new BrowserCookies(false);
    BrowserCookies.Presented two = new BrowserCookies.One(List.of(KEY_A, KEY_B));
    String c = "C".repeat(43);

    assertThat(cookies.replacing(two, KEY_A, c).getValue()).isEqualTo(KEY_B + "." + c);
    String many = KEY_A;
    for (int i = 0; i < BrowserCookies.MAX_KEYS; i++) {
      many =
          cookies
              .adding(cookies.read(List.of("most_browser=" + many)), RandomTokens.next())
              .getValue();
    }
    assertThat(many.split("\\.")).hasSize(BrowserCookies.MAX_KEYS).doesNotContain(KEY_A);
  }
}
