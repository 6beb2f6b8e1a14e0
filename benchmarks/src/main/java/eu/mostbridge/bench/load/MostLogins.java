package eu.mostbridge.bench.load;

import eu.mostbridge.bench.load.VirtualBrowser.LoginFailed;
import eu.mostbridge.bench.load.VirtualBrowser.Page;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A login through Most: its choice page, eid.mk, its consent page, its code and tokens. */
final class MostLogins extends Logins {
  private final URI issuer;
  private final Set<String> hosts;

  /**
   * @param issuer Most's external issuer (https, as production requires)
   * @param listening where it listens (plain http on loopback; the browser is routed there)
   */
  MostLogins(URI issuer, URI listening) {
    this.issuer = issuer;
    this.hosts = Set.of(issuer.getAuthority(), listening.getAuthority());
  }

  @Override
  String system() {
    return "Most";
  }

  @Override
  List<String> serverLegs() {
    return List.of("authorize", "method", "callback", "consent", "token", "userinfo");
  }

  private Page choicePage(VirtualBrowser browser, String state, String nonce, String verifier) {
    Page choice =
        follow(
            browser,
            browser.get(
                "authorize",
                URI.create(
                    issuer
                        + "/authorize?"
                        + VirtualBrowser.form(authorization(state, nonce, verifier)))),
            hosts::contains,
            uri -> "authorize");
    if (choice.status() != 200) {
      throw new LoginFailed("authorize: " + choice.status() + " " + trim(choice.body()));
    }
    return choice;
  }

  private Page toNationalEid(VirtualBrowser browser, Page choice) {
    Page sent =
        browser.submit(
            "method", choice, "/method", Map.of("method", "mk-eid", "action", "continue"));
    if (sent.location() == null) {
      throw new LoginFailed("method: " + sent.status() + " " + trim(sent.body()));
    }
    return sent;
  }

  @Override
  void startOnly(VirtualBrowser browser) {
    toNationalEid(browser, choicePage(browser, random(), random(), random()));
  }

  @Override
  void startOnlyLargest(VirtualBrowser browser) {
    toNationalEid(
        browser,
        choicePage(
            browser,
            (random() + "-").repeat(64).substring(0, 2048),
            (random() + "-").repeat(16).substring(0, 512),
            random()));
  }

  @Override
  void login(VirtualBrowser browser, String persona) {
    String state = random();
    String nonce = random();
    String verifier = random() + random();
    Page sent = toNationalEid(browser, choicePage(browser, state, nonce, verifier));
    URI back = atNationalEid(browser, sent.next(), persona);
    Page consent =
        follow(browser, browser.get("callback", back), hosts::contains, uri -> "callback");
    if (consent.status() != 200) {
      throw new LoginFailed("callback: " + consent.status() + " " + trim(consent.body()));
    }
    Page atRp = browser.submit("consent", consent, "/consent", Map.of("action", "allow"));
    redeem(
        browser,
        URI.create(issuer + "/token"),
        URI.create(issuer + "/userinfo"),
        code(atRp, state),
        verifier,
        nonce);
  }
}
