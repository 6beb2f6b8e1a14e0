package eu.mostbridge.broker.flow;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Pushed authorization requests (RFC 9126), kept until their single use. */
public interface PushedRequests {
  /**
   * What a client pushed: its id, the request's parameters, and when the request URI expires. The
   * cache's lifespan alone is not enough: a copy re-written by Infinispan's conflict resolution
   * starts a new lifespan. {@code expiresAt} is null only in entries written before it existed.
   */
  record Pushed(String clientId, Map<String, List<String>> parameters, Instant expiresAt) {
    public Pushed {
      parameters = Map.copyOf(parameters);
    }

    /** Whether the request URI may still be used at {@code now}. */
    public boolean usableAt(Instant now) {
      return expiresAt == null || now.isBefore(expiresAt);
    }
  }

  /**
   * Stores {@code pushed} under {@code requestUri} for {@code lifetime}; refused with the state's
   * 503 when this replica holds its bound of logins in flight, pushed requests included.
   */
  void push(String requestUri, Pushed pushed, Duration lifetime);

  /**
   * The request pushed under {@code requestUri}, left in place; empty when unknown or expired. A
   * request found here may have been used already: {@link #use} decides.
   */
  Optional<Pushed> find(String requestUri);

  /**
   * Uses the request (then removes it): of two uses, concurrent or not, on any replicas, and also
   * against a stale copy a healed split brings back, exactly one is true. The login it starts is
   * stored before, so that a failure in between leaves the request usable.
   */
  boolean use(String requestUri, Pushed pushed);
}
