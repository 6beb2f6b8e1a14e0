package eu.mostbridge.keycloak.national;

import eu.mostbridge.replay.ReplayCache;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The adapters' one-time uses (assertion IDs, token identifiers) in Keycloak's single-use object
 * store, which every node of a Keycloak cluster shares: an answer used at one node is refused at
 * any other. Fails closed: an error of the store is {@code UNRECORDABLE}, never a first use.
 */
final class KeycloakReplayCache implements ReplayCache {
  private static final Logger LOG = Logger.getLogger(KeycloakReplayCache.class);
  private static final String PREFIX = "most.replay.";

  private final KeycloakSessionFactory sessions;
  private final Clock clock;

  KeycloakReplayCache(KeycloakSessionFactory sessions, Clock clock) {
    this.sessions = sessions;
    this.clock = clock;
  }

  @Override
  public Use record(String scope, String id, Instant keepUntil) {
    // Keycloak keeps an entry at least a second; the key is bounded by what the adapters record.
    long seconds = Math.max(1, Duration.between(clock.instant(), keepUntil).toSeconds() + 1);
    String key = PREFIX + scope + "." + id;
    try {
      boolean first =
          KeycloakModelUtils.runJobInTransactionWithResult(
              sessions, session -> session.singleUseObjects().putIfAbsent(key, seconds));
      return first ? Use.FIRST : Use.REPEATED;
    } catch (RuntimeException e) {
      LOG.warnf("The single-use store could not record a %s: %s", scope, e.toString());
      return Use.UNRECORDABLE;
    }
  }
}
