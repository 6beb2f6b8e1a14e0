package eu.mostbridge.broker.token;

import java.time.Duration;
import java.util.Optional;

/** Opaque access tokens, for userinfo. */
public interface AccessTokens {
  void store(String token, AccessGrant grant, Duration lifetime);

  Optional<AccessGrant> find(String token);

  /** Revokes {@code token}; true when it was still valid. */
  boolean revoke(String token);
}
