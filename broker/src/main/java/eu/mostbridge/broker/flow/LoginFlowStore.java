package eu.mostbridge.broker.flow;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where logins in progress are kept between the browser's requests. Any replica may serve any step,
 * so this is shared state, never a field of a bean.
 *
 * <p>A login changes step by step, and steps of one login can race (a language switch beside the
 * consent, a double submit, two replicas): every change is written only over the version it was
 * made from ({@link #replace}), so a step that lost the race changes nothing and never brings back
 * a login another step ended. A login ends once ({@link #end}).
 */
public interface LoginFlowStore {
  /** A login as read, with the version a conditional write compares with (opaque to callers). */
  record Stored(LoginFlow flow, Object revision) {}

  /**
   * Refuses a new login (with the state's 503) when this replica already holds its bound of logins
   * in flight, before anything of it is stored.
   */
  void admitNewLogin();

  /** Stores a new login; it expires after {@code lifetime}. */
  void create(LoginFlow flow, Duration lifetime);

  Optional<Stored> find(String id);

  /**
   * Replaces {@code stored} with {@code next} (the same login, a step further) only if it is still
   * the version read; false when another step changed or ended it meanwhile.
   */
  boolean replace(Stored stored, LoginFlow next, Duration lifetime);

  /**
   * Ends the login, once: the ending is recorded (kept until {@code keepUntil}, the login's own
   * expiry), then the login is removed. Of two ends (a consent beside a cancel in another tab, a
   * double submit, on any replicas), and also against a stale copy of the login that a healed
   * network split brings back, exactly one is true. The record decides, so a replica dying between
   * the two writes leaves a login that cannot end again, never one ended without a record; what the
   * ending hands out (a code) is stored before it and shown only after.
   */
  boolean end(Stored stored, Instant keepUntil);

  /**
   * Notes that login {@code flowId} awaits national eID {@code adapterId}'s answer to the request
   * {@code correlationId} (SAML request ID, OIDC state). National answers come back to one callback
   * URL per eID, without our flow id: the protocol's own correlation finds the login, so parallel
   * logins in one browser each find theirs, and an answer to nothing finds nothing.
   */
  void awaitNationalAnswer(
      String adapterId, String correlationId, String flowId, Duration lifetime);

  /** The login awaiting {@code adapterId}'s answer to {@code correlationId}, left in place. */
  Optional<String> awaitingNationalAnswer(String adapterId, String correlationId);

  /**
   * Takes the wait for {@code adapterId}'s answer to {@code correlationId} once that answer was
   * found valid: of two concurrent valid answers, exactly one is true.
   */
  boolean takeNationalAnswer(String adapterId, String correlationId, String flowId);
}
