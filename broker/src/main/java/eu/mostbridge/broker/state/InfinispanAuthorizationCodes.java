package eu.mostbridge.broker.state;

import eu.mostbridge.broker.flow.StateUnavailableException;
import eu.mostbridge.broker.token.AuthorizationCodes;
import eu.mostbridge.broker.token.IssuedCode;
import eu.mostbridge.broker.web.SecretKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Codes in the {@code codes} cache, keyed by their hash. A redemption is decided by its record in
 * the {@code replay} cache ({@code putIfAbsent} on the record's primary owner), which also keeps
 * the handle of the access token it issued: a reused code revokes it, and a stale copy of the code
 * that a healed split brings back finds the record.
 */
@ApplicationScoped
public class InfinispanAuthorizationCodes implements AuthorizationCodes {
  private static final Logger LOG = Logger.getLogger(InfinispanAuthorizationCodes.class);
  private static final String SCOPE = "code-redeemed";

  /** The record of a redemption that was refused and issued nothing. */
  private static final String NOTHING_ISSUED = "-";

  private final StateCache codes;
  private final StateCodec codec;
  private final InfinispanReplayCache uses;

  public InfinispanAuthorizationCodes(
      StateCaches caches, StateCodec codec, InfinispanReplayCache uses) {
    this.uses = uses;
    this.codes = caches.cache(Caches.CODES);
    this.codec = codec;
  }

  @Override
  public void issue(String code, IssuedCode issued, Duration lifetime) {
    codes.create(SecretKeys.of(code), codec.write(issued), lifetime);
  }

  @Override
  public Optional<IssuedCode> find(String code) {
    return codes.get(SecretKeys.of(code)).flatMap(text -> codec.read(text, IssuedCode.class));
  }

  @Override
  public boolean redeem(String code, Optional<String> accessTokenHandle, Instant keepUntil) {
    String key = SecretKeys.of(code);
    if (!uses.firstUse(SCOPE, key, accessTokenHandle.orElse(NOTHING_ISSUED), keepUntil)) {
      return false;
    }
    try {
      var unused = codes.take(key);
    } catch (StateUnavailableException e) {
      // The record refuses the code from now on; its entry expires with the code.
      LOG.debugf("A redeemed code stays in its cache until it expires: %s", e.getMessage());
    }
    return true;
  }

  @Override
  public Optional<Redemption> redemption(String code) {
    return uses.recorded(SCOPE, SecretKeys.of(code))
        .map(
            handle ->
                new Redemption(
                    NOTHING_ISSUED.equals(handle) ? Optional.empty() : Optional.of(handle)));
  }
}
