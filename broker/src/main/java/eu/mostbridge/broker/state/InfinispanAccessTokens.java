package eu.mostbridge.broker.state;

import eu.mostbridge.broker.token.AccessGrant;
import eu.mostbridge.broker.token.AccessTokens;
import eu.mostbridge.broker.web.SecretKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Access tokens in the {@code access-tokens} cache, keyed by their hash. A revoked token is
 * replaced by a revocation marker until it would have expired, not removed: a stale copy that a
 * healed split brings back cannot revive it.
 */
@ApplicationScoped
public class InfinispanAccessTokens implements AccessTokens {
  private final Clock clock;
  private final StateCache tokens;
  private final StateCodec codec;

  public InfinispanAccessTokens(StateCaches caches, StateCodec codec, Clock clock) {
    this.clock = clock;
    this.tokens = caches.cache(Caches.ACCESS_TOKENS);
    this.codec = codec;
  }

  @Override
  public String store(String token, AccessGrant grant, Duration lifetime) {
    String key = SecretKeys.of(token);
    tokens.create(key, codec.write(grant), lifetime);
    return key;
  }

  @Override
  public Optional<AccessGrant> find(String token) {
    return tokens
        .get(SecretKeys.of(token))
        .filter(text -> !REVOKED.equals(text))
        .flatMap(text -> codec.read(text, AccessGrant.class));
  }

  @Override
  public boolean revokeByHandle(String handle) {
    return tokens
        .read(handle)
        .filter(read -> !REVOKED.equals(read.value()))
        .map(
            read ->
                tokens.replace(
                    handle,
                    read,
                    REVOKED,
                    codec
                        .read(read.value(), AccessGrant.class)
                        .map(grant -> Duration.between(clock.instant(), grant.expiresAt()))
                        .filter(left -> !left.isNegative())
                        .orElse(Duration.ofSeconds(1))))
        .orElse(false);
  }

  /** What a revoked token's entry holds until the token would have expired. */
  static final String REVOKED = "revoked";
}
