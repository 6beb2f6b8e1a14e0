package eu.mostbridge.broker.flow;

import eu.mostbridge.adapter.PendingAuthentication;
import eu.mostbridge.broker.client.Requester;
import eu.mostbridge.identity.CommonIdentity;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One citizen's login at one relying party, from the accepted request to its answer. Immutable:
 * each step stores a new version. Bound to the browser that started it.
 *
 * @param id random, in the login pages' URLs (so two tabs keep two logins apart)
 * @param browser the SHA-256 of the key that binds it to a browser, which the browser holds in its
 *     binding cookie ({@code BrowserCookies}); the key itself is never stored
 * @param request what the login must achieve, whichever protocol asked
 * @param channel how its answer goes back, in the protocol that asked
 * @param csrf the token every form of this login must post back
 * @param started when the request that began it arrived
 * @param stepStarted when the current step began (the national leg's start, for its latency)
 * @param method the national eID chosen ({@code bg-eauth}, ...), once chosen
 * @param national the adapter's pending state while the national leg runs
 * @param identity the citizen, once the national eID answered
 * @param language the language the citizen chose on a page, over {@code ui_locales} and the
 *     browser's
 */
public record LoginFlow(
    String id,
    String browser,
    LoginRequest request,
    ReturnChannel channel,
    String csrf,
    Instant started,
    Instant stepStarted,
    Optional<String> method,
    Optional<PendingAuthentication> national,
    Optional<CommonIdentity> identity,
    Optional<String> language) {
  public LoginFlow {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(browser, "browser");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(csrf, "csrf");
  }

  public static LoginFlow start(
      String id,
      String browser,
      LoginRequest request,
      ReturnChannel channel,
      String csrf,
      Instant now) {
    return new LoginFlow(
        id,
        browser,
        request,
        channel,
        csrf,
        now,
        now,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** The national leg has begun with {@code method}. */
  public LoginFlow awaiting(String method, PendingAuthentication pending, Instant now) {
    return step(now, Optional.of(method), Optional.of(pending), Optional.empty(), language);
  }

  /** The national eID identified the citizen; consent comes next. */
  public LoginFlow identified(CommonIdentity citizen, Instant now) {
    return step(now, method, Optional.empty(), Optional.of(citizen), language);
  }

  /** The national leg failed; the citizen may choose again. */
  public LoginFlow choosingAgain(Instant now) {
    return step(now, Optional.empty(), Optional.empty(), Optional.empty(), language);
  }

  /** The same login, bound to the browser holding the key of which {@code binding} is the hash. */
  public LoginFlow boundTo(String binding) {
    return copy(binding, stepStarted, method, national, identity, language);
  }

  /** The citizen chose {@code chosen} (bg, mk or en) on a page. */
  public LoginFlow speaking(String chosen) {
    return step(stepStarted, method, national, identity, Optional.of(chosen));
  }

  /** The same login (id, browser, request, CSRF token, start) at its next step. */
  private LoginFlow step(
      Instant stepStarted,
      Optional<String> method,
      Optional<PendingAuthentication> national,
      Optional<CommonIdentity> identity,
      Optional<String> language) {
    return copy(browser, stepStarted, method, national, identity, language);
  }

  /** The same login (id, request, channel, CSRF token, start) with what may change. */
  private LoginFlow copy(
      String browser,
      Instant stepStarted,
      Optional<String> method,
      Optional<PendingAuthentication> national,
      Optional<CommonIdentity> identity,
      Optional<String> language) {
    return new LoginFlow(
        id,
        browser,
        request,
        channel,
        csrf,
        started,
        stepStarted,
        method,
        national,
        identity,
        language);
  }

  /** Who asked for this login. */
  public Requester requester() {
    return channel.requester();
  }

  /** The short reference error pages show and audit events carry, for the help desk. */
  public String reference() {
    return id.substring(0, 8);
  }

  /** When this login must end: {@code lifetime} after the request that began it. */
  public Instant expiresAt(java.time.Duration lifetime) {
    return started.plus(lifetime);
  }
}
