package eu.mostbridge.keycloak.national;

import eu.mostbridge.adapter.FailedAnswerLimit;
import java.time.Duration;
import java.time.Instant;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * The bound on what an eID's answers can ask of the decryption, where its unauthenticated
 * ciphertexts could serve as an oracle (eAuth's AES-CBC): in Keycloak's single-use store, so every
 * node of a cluster counts alike. Each login reads at most {@code perLogin} answers, each slot
 * taken atomically before the answer is decrypted (answers racing each other take different slots);
 * an address whose answers failed {@code perSource} times within a window has its answers refused
 * unread until the window ends.
 */
final class FailedAnswers {
  private final SingleUseObjectProvider store;
  private final String provider;
  private final String source;
  private final Instant now;

  FailedAnswers(KeycloakSession session, String provider, String source, Instant now) {
    this.store = session.singleUseObjects();
    this.provider = provider;
    this.source = source;
    this.now = now;
  }

  /** Takes one of the login's answer slots; false when all are taken. */
  boolean takeAnswerSlot(String loginKey, FailedAnswerLimit limit, Instant loginExpires) {
    long lifespan = Math.max(1, Duration.between(now, loginExpires).toSeconds() + 1);
    for (int slot = 1; slot <= limit.perLogin(); slot++) {
      if (store.putIfAbsent(loginKey + ".answer." + slot, lifespan)) {
        return true;
      }
    }
    return false;
  }

  /** Whether this address's failed answers fill the current window. */
  boolean sourceExhausted(FailedAnswerLimit limit) {
    return store.contains(sourceKey(limit, limit.perSource()));
  }

  /** Counts a failed answer from this address in the current window. */
  void countSourceFailure(FailedAnswerLimit limit) {
    for (int failure = 1; failure <= limit.perSource(); failure++) {
      if (store.putIfAbsent(sourceKey(limit, failure), limit.window().toSeconds() + 1)) {
        return;
      }
    }
  }

  private String sourceKey(FailedAnswerLimit limit, int failure) {
    long window = now.getEpochSecond() / limit.window().toSeconds();
    return "most.failed-answers." + provider + "." + source + "." + window + "." + failure;
  }
}
