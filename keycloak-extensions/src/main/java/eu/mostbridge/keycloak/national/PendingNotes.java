package eu.mostbridge.keycloak.national;

import eu.mostbridge.adapter.PendingAuthentication;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.LevelOfAssurance;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * A login's national leg in its Keycloak authentication session's notes: what the adapter needs to
 * recognise its own answer (request ID or state, nonce, PKCE verifier), shared by every node of a
 * cluster as the session is, and gone with it.
 */
final class PendingNotes {
  private static final String PREFIX = "most.national.";
  private static final String ADAPTER = PREFIX + "adapter";
  private static final String CORRELATION = PREFIX + "correlation";
  private static final String LEVEL = PREFIX + "level";
  private static final String DESTINATION = PREFIX + "destination";
  private static final String EXPIRES = PREFIX + "expires";
  private static final String STATE = PREFIX + "state.";
  private static final String STATE_KEYS = PREFIX + "state-keys";
  private static final String FAILED = PREFIX + "failed-answers";

  private PendingNotes() {}

  static void keep(AuthenticationSessionModel authSession, PendingAuthentication pending) {
    clear(authSession);
    authSession.setAuthNote(ADAPTER, pending.adapterId());
    authSession.setAuthNote(CORRELATION, pending.correlationId());
    authSession.setAuthNote(LEVEL, pending.requestedLevel().name());
    authSession.setAuthNote(DESTINATION, pending.destination().alpha2());
    authSession.setAuthNote(EXPIRES, Long.toString(pending.expiresAt().toEpochMilli()));
    pending.protocolState().forEach((k, v) -> authSession.setAuthNote(STATE + k, v));
    authSession.setAuthNote(STATE_KEYS, String.join(" ", pending.protocolState().keySet()));
  }

  /** The national leg this session waits on; empty when none (or its notes are damaged). */
  static Optional<PendingAuthentication> read(AuthenticationSessionModel authSession) {
    String adapter = authSession.getAuthNote(ADAPTER);
    String correlation = authSession.getAuthNote(CORRELATION);
    String level = authSession.getAuthNote(LEVEL);
    String destination = authSession.getAuthNote(DESTINATION);
    String expires = authSession.getAuthNote(EXPIRES);
    if (adapter == null
        || correlation == null
        || level == null
        || destination == null
        || expires == null) {
      return Optional.empty();
    }
    Map<String, String> state = new HashMap<>();
    String keys = authSession.getAuthNote(STATE_KEYS);
    if (keys != null && !keys.isBlank()) {
      for (String key : keys.trim().split(" ", -1)) {
        String value = authSession.getAuthNote(STATE + key);
        if (value != null) {
          state.put(key, value);
        }
      }
    }
    try {
      return Optional.of(
          new PendingAuthentication(
              adapter,
              correlation,
              LevelOfAssurance.valueOf(level),
              CountryCode.of(destination),
              Instant.ofEpochMilli(Long.parseLong(expires)),
              state));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Counts a failed answer to this session's national leg; the count so far. */
  static int failedAnswer(AuthenticationSessionModel authSession) {
    String noted = authSession.getAuthNote(FAILED);
    int count;
    try {
      count = noted == null ? 1 : Integer.parseInt(noted) + 1;
    } catch (NumberFormatException e) {
      count = Integer.MAX_VALUE;
    }
    authSession.setAuthNote(FAILED, Integer.toString(count));
    return count;
  }

  /** Ends the national leg: no answer finds it again. */
  static void clear(AuthenticationSessionModel authSession) {
    String keys = authSession.getAuthNote(STATE_KEYS);
    if (keys != null && !keys.isBlank()) {
      for (String key : keys.trim().split(" ", -1)) {
        authSession.removeAuthNote(STATE + key);
      }
    }
    for (String note :
        new String[] {ADAPTER, CORRELATION, LEVEL, DESTINATION, EXPIRES, STATE_KEYS, FAILED}) {
      authSession.removeAuthNote(note);
    }
  }
}
