package eu.mostbridge.broker.state;

/**
 * A cache could not answer: this replica is in a minority partition, a peer timed out, or the cache
 * is stopping. The login cannot go on here and now; the citizen and the client are told to try
 * again, never given a 500.
 */
public final class StateUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String cache;

  public StateUnavailableException(String cache, RuntimeException cause) {
    super("The " + cache + " cache is unavailable: " + cause.getClass().getSimpleName(), cause);
    this.cache = cache;
  }

  /** Which cache failed, for the audit event. */
  public String cache() {
    return cache;
  }
}
