package eu.mostbridge.broker.state;

import java.util.List;

/** The names of the broker's caches, as declared in {@code most-infinispan.xml}. */
public final class Caches {
  public static final String REPLAY = "replay";
  public static final String LOGIN_FLOWS = "login-flows";
  public static final String NATIONAL_REQUESTS = "national-requests";
  public static final String CODES = "codes";
  public static final String REDEEMED_CODES = "redeemed-codes";
  public static final String ACCESS_TOKENS = "access-tokens";
  public static final String PUSHED_REQUESTS = "pushed-requests";

  /** Every cache, for the readiness check. */
  public static final List<String> ALL =
      List.of(
          REPLAY,
          LOGIN_FLOWS,
          NATIONAL_REQUESTS,
          CODES,
          REDEEMED_CODES,
          ACCESS_TOKENS,
          PUSHED_REQUESTS);

  private Caches() {}
}
