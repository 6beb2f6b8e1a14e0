package eu.mostbridge.broker.token;

import java.time.Duration;
import java.util.Optional;

/** Opaque access tokens, for userinfo. */
public interface AccessTokens {
  /**
   * Stores {@code token}'s grant.
   *
   * @return a handle that revokes it ({@link #revokeByHandle}) without being the token itself
   */
  String store(String token, AccessGrant grant, Duration lifetime);

  Optional<AccessGrant> find(String token);

  /** Revokes the token {@code handle} stands for; true when it was still valid. */
  boolean revokeByHandle(String handle);
}
