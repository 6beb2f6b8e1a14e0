package eu.mostbridge.broker.state;

import eu.mostbridge.broker.token.AccessGrant;
import eu.mostbridge.broker.token.AccessTokens;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;

/** Access tokens in the {@code access-tokens} cache, keyed by their hash. */
@ApplicationScoped
public class InfinispanAccessTokens implements AccessTokens {
  private final StateCache tokens;
  private final StateCodec codec;

  public InfinispanAccessTokens(StateCaches caches, StateCodec codec) {
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
    return tokens.get(SecretKeys.of(token)).flatMap(text -> codec.read(text, AccessGrant.class));
  }

  @Override
  public boolean revokeByHandle(String handle) {
    return tokens.take(handle).isPresent();
  }
}
