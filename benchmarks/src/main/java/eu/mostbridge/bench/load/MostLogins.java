package eu.mostbridge.bench.load;

import eu.mostbridge.bench.load.VirtualBrowser.LoginFailed;
import eu.mostbridge.bench.load.VirtualBrowser.Page;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A login through Most: eid.mk (the only eID its client's citizens have, so no choice page), its
 * consent page, its code and tokens.
 */
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

  /**
   * From the relying party's authorization request to the redirect to eid.mk: straight there when
   * eid.mk is the only eID that fits (as for the client here), through the choice page otherwise.
   */
  private Page toNationalEid(VirtualBrowser browser, String state, String nonce, String verifier) {
    Page page =
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
    if (page.status() == 200 && page.body().contains("name=\"method\"")) {
      page =
          browser.submit(
              "method", page, "/method", Map.of("method", "mk-eid", "action", "continue"));
    }
    if (page.location() == null) {
      throw new LoginFailed("authorize: " + page.status() + " " + trim(page.body()));
    }
    return page;
  }

  @Override
  void startOnly(VirtualBrowser browser) {
    toNationalEid(browser, random(), random(), random());
  }

  @Override
  void startOnlyLargest(VirtualBrowser browser) {
    toNationalEid(
        browser,
        (random() + "-").repeat(64).substring(0, 2048),
        (random() + "-").repeat(16).substring(0, 512),
        random());
  }

  @Override
  void login(VirtualBrowser browser, String persona) {
    String state = random();
    String nonce = random();
    String verifier = random() + random();
    Page sent = toNationalEid(browser, state, nonce, verifier);
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
