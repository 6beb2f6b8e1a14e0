package eu.mostbridge.bench.load;

import eu.mostbridge.bench.load.VirtualBrowser.LoginFailed;
import eu.mostbridge.bench.load.VirtualBrowser.Page;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One complete cross-border login as a relying party and a citizen's browser make it: the
 * authorization request with PKCE, the national eID (the simulated eid.mk), consent where the
 * broker asks for it, the code, the token request, the userinfo request. Each request is one timed
 * leg; the login fails unless the relying party ends with tokens and the citizen's claims.
 */
abstract class Logins {
  static final String RP_REDIRECT = "https://rp.bench.test/callback";
  static final String CLIENT = "bench-rp";
  static final String CLIENT_SECRET = "bench-rp-secret-0123456789";

  private static final SecureRandom RANDOM = new SecureRandom();

  /** The legs whose times are the broker's own work (plus loopback HTTP), in login order. */
  abstract java.util.List<String> serverLegs();

  /** Runs one login; throws {@link LoginFailed} when it does not end with the claims. */
  abstract void login(VirtualBrowser browser, String persona);

  /** Starts a login and leaves it waiting at the national eID (memory per login in flight). */
  abstract void startOnly(VirtualBrowser browser);

  /**
   * Starts a login as {@link #startOnly} does, with the relying party's values Most keeps at their
   * length limits ({@code state} 2048 and {@code nonce} 512 characters): the largest login in
   * flight.
   */
  void startOnlyLargest(VirtualBrowser browser) {
    startOnly(browser);
  }

  /** The short name of the system under test, for reports. */
  abstract String system();

  static String random() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String s256(String verifier) {
    try {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(
              MessageDigest.getInstance("SHA-256")
                  .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, String> authorization(String state, String nonce, String verifier) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("client_id", CLIENT);
    parameters.put("response_type", "code");
    parameters.put("scope", "openid");
    parameters.put("redirect_uri", RP_REDIRECT);
    parameters.put("state", state);
    parameters.put("nonce", nonce);
    parameters.put("code_challenge", s256(verifier));
    parameters.put("code_challenge_method", "S256");
    return parameters;
  }

  /**
   * Follows redirects on {@code server}'s side, naming each hop's leg by {@code legOf}, until the
   * browser is sent elsewhere (the national eID, the relying party) or shown a page.
   */
  static Page follow(
      VirtualBrowser browser,
      Page page,
      java.util.function.Predicate<String> isServer,
      java.util.function.Function<URI, String> legOf) {
    for (int hops = 0; hops < 10; hops++) {
      if (page.status() < 300 || page.status() >= 400) {
        return page;
      }
      URI next = page.next();
      if (!isServer.test(next.getAuthority())) {
        return page;
      }
      page = browser.get(legOf.apply(next), next);
    }
    throw new LoginFailed("more than 10 redirects at " + page.uri());
  }

  /** At the simulated national eID: the persona picker, then its answer back to the broker. */
  static URI atNationalEid(VirtualBrowser browser, URI authorize, String persona) {
    Page picker = browser.get("national: authorize", authorize);
    if (picker.status() != 200) {
      throw new LoginFailed("national eID answered " + picker.status() + ": " + picker.body());
    }
    Page back =
        browser.submit(
            "national: login", picker, "login", Map.of("persona", persona, "action", "login"));
    if (back.location() == null) {
      throw new LoginFailed("national eID did not send the browser back: " + back.status());
    }
    return back.next();
  }

  /** The code at the relying party's redirect URI, after checking the state. */
  static String code(Page atRp, String state) {
    if (atRp.location() == null || !atRp.location().startsWith(RP_REDIRECT + "?")) {
      throw new LoginFailed(
          "not back at the relying party: "
              + atRp.status()
              + " "
              + atRp.uri()
              + " "
              + trim(atRp.body()));
    }
    Map<String, String> query = atRp.query();
    if (!state.equals(query.get("state")) || query.get("code") == null) {
      throw new LoginFailed("the relying party got " + query.keySet());
    }
    return query.get("code");
  }

  /** The token and userinfo requests of a confidential client (client_secret_basic). */
  static void redeem(
      VirtualBrowser browser,
      URI tokenEndpoint,
      URI userinfoEndpoint,
      String code,
      String verifier,
      String nonce) {
    String form =
        VirtualBrowser.form(
            Map.of(
                "grant_type", "authorization_code",
                "code", code,
                "redirect_uri", RP_REDIRECT,
                "code_verifier", verifier));
    Page tokens =
        browser.send(
            "token",
            HttpRequest.newBuilder(tokenEndpoint)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header(
                    "Authorization",
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString(
                                (CLIENT + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    if (tokens.status() != 200) {
      throw new LoginFailed("token: " + tokens.status() + " " + trim(tokens.body()));
    }
    String idToken = jsonString(tokens.body(), "id_token");
    String accessToken = jsonString(tokens.body(), "access_token");
    String payload =
        new String(
            Base64.getUrlDecoder().decode(idToken.split("\\.", -1)[1]), StandardCharsets.UTF_8);
    if (!payload.contains("\"" + nonce + "\"")) {
      throw new LoginFailed("the ID token does not carry the nonce");
    }
    Page userinfo =
        browser.send(
            "userinfo",
            HttpRequest.newBuilder(userinfoEndpoint)
                .header("Authorization", "Bearer " + accessToken)
                .GET());
    if (userinfo.status() != 200 || !userinfo.body().contains("\"sub\"")) {
      throw new LoginFailed("userinfo: " + userinfo.status() + " " + trim(userinfo.body()));
    }
  }

  static String jsonString(String json, String name) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
    if (!m.find()) {
      throw new LoginFailed("no " + name + " in " + trim(json));
    }
    return m.group(1);
  }

  static String trim(String body) {
    return body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "..." : body;
  }
}
