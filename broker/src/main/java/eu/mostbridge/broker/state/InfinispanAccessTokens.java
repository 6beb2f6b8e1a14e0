package eu.mostbridge.broker.state;

import eu.mostbridge.broker.token.AccessGrant;
import eu.mostbridge.broker.token.AccessTokens;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.infinispan.Cache;
import org.infinispan.manager.EmbeddedCacheManager;

/** Access tokens in the {@code access-tokens} cache, keyed by their hash. */
@ApplicationScoped
public class InfinispanAccessTokens implements AccessTokens {
  private final Cache<String, AccessGrant> tokens;

  public InfinispanAccessTokens(EmbeddedCacheManager manager) {
    this.tokens = manager.getCache(Caches.ACCESS_TOKENS);
  }

  @Override
  public String store(String token, AccessGrant grant, Duration lifetime) {
    String key = SecretKeys.of(token);
    tokens.put(key, grant, lifetime.toMillis(), TimeUnit.MILLISECONDS);
    return key;
  }

  @Override
  public Optional<AccessGrant> find(String token) {
    return Optional.ofNullable(tokens.get(SecretKeys.of(token)));
  }

  @Override
  public boolean revokeByHandle(String handle) {
    return tokens.remove(handle) != null;
  }
}
