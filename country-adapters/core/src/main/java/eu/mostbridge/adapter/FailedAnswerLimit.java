package eu.mostbridge.adapter;

import java.time.Duration;

/**
 * How many answers that fail validation a national eID's callback takes before it stops reading
 * them, for an eID whose answers could otherwise serve as a decryption oracle (an unauthenticated
 * CBC ciphertext, as Bulgarian eAuth sends in production). Every such answer is refused alike; the
 * limit bounds how many questions an attacker gets to ask: after {@code perLogin} failed answers
 * the pending login ends (its relying party gets {@code access_denied}), and a source (client
 * address) that brought {@code perSource} failed answers within {@code window} has its answers
 * refused unread until the window has passed.
 *
 * <p>This is the one exception to "an answer that fails validation leaves the login waiting": a
 * peer that needs it is named by its relaxation, never by default.
 *
 * @param perLogin failed answers after which a pending login ends, at least 1
 * @param perSource failed answers per source within {@code window}, at least 1
 * @param window how long a source's failed answers count
 */
public record FailedAnswerLimit(int perLogin, int perSource, Duration window) {
  /**
   * Three per login (a citizen's double submit and a late answer still fit), twenty per source in
   * fifteen minutes. The attack of Jager and Somorovsky (2011) needs about 14 answers per byte of
   * plaintext, so thousands for one assertion, and each of them must also tell success from
   * failure, which the uniform refusal denies.
   */
  public static final FailedAnswerLimit ORACLE_BOUND =
      new FailedAnswerLimit(3, 20, Duration.ofMinutes(15));

  public FailedAnswerLimit {
    if (perLogin < 1 || perSource < 1) {
      throw new IllegalArgumentException("A failed-answer limit must allow at least one answer");
    }
    if (perLogin > 100 || perSource > 1000) {
      throw new IllegalArgumentException("A failed-answer limit is meant to be small");
    }
    if (window.isNegative() || window.isZero() || window.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException("The failed-answer window must be up to one day");
    }
  }
}
