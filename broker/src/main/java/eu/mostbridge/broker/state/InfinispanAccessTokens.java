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
  public void store(String token, AccessGrant grant, Duration lifetime) {
    tokens.put(SecretKeys.of(token), grant, lifetime.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public Optional<AccessGrant> find(String token) {
    return Optional.ofNullable(tokens.get(SecretKeys.of(token)));
  }

  @Override
  public boolean revoke(String token) {
    return tokens.remove(SecretKeys.of(token)) != null;
  }
}
