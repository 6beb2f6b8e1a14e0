package eu.mostbridge.broker.flow;

/**
 * A cache could not answer: this replica is in a minority partition, a peer timed out, or the cache
 * is stopping. The login cannot go on here and now; the citizen and the client are told to try
 * again, never given a 500.
 */
public final class StateUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String cache;
  private final String reason;

  public StateUnavailableException(String cache, RuntimeException cause) {
    super("The " + cache + " cache is unavailable: " + cause.getClass().getSimpleName(), cause);
    this.cache = cache;
    this.reason = "unreachable";
  }

  private StateUnavailableException(String cache, long bound) {
    super("The " + cache + " cache holds its bound of " + bound + " entries on this replica");
    this.cache = cache;
    this.reason = "full";
  }

  /** This replica already holds {@code bound} entries of {@code cache}; it takes no new one. */
  public static StateUnavailableException full(String cache, long bound) {
    return new StateUnavailableException(cache, bound);
  }

  /** Which cache failed, for the audit event. */
  public String cache() {
    return cache;
  }

  /** {@code unreachable} (a split, a timeout, a stopped cache) or {@code full}, for the audit. */
  public String reason() {
    return reason;
  }
}
