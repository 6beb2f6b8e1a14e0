package eu.mostbridge.adapter;

import java.util.Objects;

/**
 * The first half of a login: where to send the browser, and what to keep until it comes back.
 *
 * @param step the browser's next step, to the national eID
 * @param pending the state the broker keeps, bound to this browser, until the answer
 */
public record AuthenticationStart(BrowserStep step, PendingAuthentication pending) {
  public AuthenticationStart {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(pending, "pending");
  }
}
