package eu.mostbridge.broker.state;

import eu.mostbridge.broker.token.AuthorizationCodes;
import eu.mostbridge.broker.token.IssuedCode;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;

/**
 * Codes in the {@code codes} cache, keyed by their hash; {@code take} is the single atomic step
 * that redeems one, on whichever replica the token request lands. What each redemption issued is
 * kept in {@code redeemed-codes}.
 */
@ApplicationScoped
public class InfinispanAuthorizationCodes implements AuthorizationCodes {
  private final StateCache codes;
  private final StateCache redeemed;
  private final StateCodec codec;
  private final InfinispanReplayCache uses;

  public InfinispanAuthorizationCodes(
      StateCaches caches, StateCodec codec, InfinispanReplayCache uses) {
    this.uses = uses;
    this.codes = caches.cache(Caches.CODES);
    this.redeemed = caches.cache(Caches.REDEEMED_CODES);
    this.codec = codec;
  }

  @Override
  public void issue(String code, IssuedCode issued, Duration lifetime) {
    codes.create(SecretKeys.of(code), codec.write(issued), lifetime);
  }

  @Override
  public Optional<IssuedCode> redeem(String code) {
    String key = SecretKeys.of(code);
    // A code a stale copy brought back after a split heals is found, but its redemption was
    // recorded: it is refused as a reused code.
    return codes
        .take(key)
        .flatMap(text -> codec.read(text, IssuedCode.class))
        .filter(issued -> uses.firstUse("code-redeemed", key, issued.expiresAt()));
  }

  @Override
  public void recordRedemption(String code, String accessTokenHandle, Duration lifetime) {
    var unused = redeemed.putIfAbsent(SecretKeys.of(code), accessTokenHandle, lifetime);
  }

  @Override
  public Optional<String> takeRedemption(String code) {
    return redeemed.take(SecretKeys.of(code));
  }
}
