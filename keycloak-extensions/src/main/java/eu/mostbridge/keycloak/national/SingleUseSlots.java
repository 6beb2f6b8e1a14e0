package eu.mostbridge.keycloak.national;

import eu.mostbridge.adapter.AnswerAdmission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * {@link AnswerAdmission}'s slots in Keycloak's single-use store, which every node of a cluster
 * shares. Fails closed: a slot that cannot be taken is not taken, one that cannot be read is.
 */
final class SingleUseSlots implements AnswerAdmission.Slots {
  private static final String PREFIX = "most.";

  private final SingleUseObjectProvider store;
  private final Clock clock;

  SingleUseSlots(SingleUseObjectProvider store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public boolean take(String scope, String id, Instant keepUntil) {
    long seconds = Math.max(1, Duration.between(clock.instant(), keepUntil).toSeconds() + 1);
    try {
      return store.putIfAbsent(PREFIX + scope + "." + id, seconds);
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public boolean taken(String scope, String id) {
    try {
      return store.contains(PREFIX + scope + "." + id);
    } catch (RuntimeException e) {
      return true;
    }
  }
}
