package eu.mostbridge.broker.state;

import eu.mostbridge.broker.token.AuthorizationCodes;
import eu.mostbridge.broker.token.IssuedCode;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.infinispan.Cache;
import org.infinispan.manager.EmbeddedCacheManager;

/**
 * Codes in the {@code codes} cache, keyed by their hash; {@code remove} is the single atomic step
 * that redeems one. What each redemption issued is kept in {@code redeemed-codes}.
 */
@ApplicationScoped
public class InfinispanAuthorizationCodes implements AuthorizationCodes {
  private final Cache<String, IssuedCode> codes;
  private final Cache<String, String> redeemed;

  public InfinispanAuthorizationCodes(EmbeddedCacheManager manager) {
    this.codes = manager.getCache(Caches.CODES);
    this.redeemed = manager.getCache(Caches.REDEEMED_CODES);
  }

  @Override
  public void issue(String code, IssuedCode issued, Duration lifetime) {
    codes.put(SecretKeys.of(code), issued, lifetime.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public Optional<IssuedCode> redeem(String code) {
    return Optional.ofNullable(codes.remove(SecretKeys.of(code)));
  }

  @Override
  public void recordRedemption(String code, String accessTokenHandle, Duration lifetime) {
    redeemed.put(
        SecretKeys.of(code), accessTokenHandle, lifetime.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public Optional<String> takeRedemption(String code) {
    return Optional.ofNullable(redeemed.remove(SecretKeys.of(code)));
  }
}
