package eu.mostbridge.broker.login;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A login a relying party has started: the browser on its first page at Most, and what the relying
 * party keeps to check the answer (state, nonce, PKCE verifier).
 */
public record StartedLogin(
    Browser browser, Browser.Page page, String state, String nonce, String verifier) {

  /**
   * Sends {@code browser} to {@code issuer}'s authorization endpoint with a fresh state, nonce and
   * PKCE S256 challenge, as a relying party's redirect would; {@code extra} adds or (with null
   * values) removes parameters.
   */
  public static StartedLogin begin(
      Browser browser, String issuer, String client, String redirect, Map<String, String> extra)
      throws Exception {
    String state = UUID.randomUUID().toString();
    String nonce = UUID.randomUUID().toString();
    String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("client_id", client);
    parameters.put("response_type", "code");
    parameters.put("scope", "openid");
    parameters.put("redirect_uri", redirect);
    parameters.put("state", state);
    parameters.put("nonce", nonce);
    parameters.put("code_challenge", Browser.s256(verifier));
    parameters.put("code_challenge_method", "S256");
    parameters.putAll(extra);
    parameters.values().removeIf(v -> v == null);
    return new StartedLogin(
        browser,
        browser.get(issuer + "/authorize?" + Browser.query(parameters)),
        state,
        nonce,
        verifier);
  }
}
