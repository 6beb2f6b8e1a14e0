package eu.mostbridge.broker.state;

import static org.assertj.core.api.Assertions.assertThat;

import eu.mostbridge.broker.client.ClientFile;
import eu.mostbridge.broker.client.ClientRegistry;
import eu.mostbridge.broker.flow.LoginFlow;
import eu.mostbridge.broker.flow.LoginFlowStore;
import eu.mostbridge.broker.flow.PushedRequests;
import eu.mostbridge.broker.token.AccessGrant;
import eu.mostbridge.broker.token.IssuedCode;
import eu.mostbridge.broker.token.RequestedClaims;
import eu.mostbridge.broker.web.SecretKeys;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.infinispan.AdvancedCache;
import org.infinispan.conflict.ConflictManagerFactory;
import org.infinispan.context.Flag;
import org.infinispan.distribution.DistributionInfo;
import org.infinispan.manager.EmbeddedCacheManager;
import org.infinispan.remoting.transport.Address;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What Infinispan's conflict resolution does with the broker's caches, on two real clustered
 * replicas. It runs after a split heals and also (Infinispan 16.0) whenever the coordinator
 * crashes; the two copies of an entry then disagree in two ways, made here by changing one copy
 * only. The primary owner stands in for the preferred partition, the majority that alone could
 * serve during a split.
 *
 * <ul>
 *   <li>A copy is missing on one owner, primary or not (a new owner the entry had not reached yet
 *       when the coordinator died): the entry must survive, or logins in flight are lost.
 *   <li>A one-time item was used on the majority but a stale copy remained elsewhere and comes
 *       back: its use must be refused, or it could be used twice.
 * </ul>
 */
class MergePolicyTest {
  private final Instant later = Instant.now().plus(Duration.ofMinutes(10));

  private static ClusteredPair pair;
  private static EmbeddedStateCaches caches;
  private static StateCodec codec;
  private static ClientRegistry clients;
  private static InfinispanReplayCache uses;

  @BeforeAll
  static void startPair() throws Exception {
    pair = new ClusteredPair("most-merge-policy");
    caches = new EmbeddedStateCaches(pair.first, 1_000);
    clients =
        ClientRegistry.of(
            ClientFile.parse(
                """
                clients:
                  - id: portal
                    names: {bg: "а", mk: "б", en: "c"}
                    redirectUris: [https://a.test/cb]
                    public: true
                    allowedCountries: [BG, MK]
                """));
    codec = new StateCodec(clients);
    uses = new InfinispanReplayCache(caches, java.time.Clock.systemUTC());
  }

  @AfterAll
  static void stopPair() {
    if (pair != null) {
      pair.close();
    }
  }

  @Test
  void anEntryMissingOnEitherOwnerSurvivesInEveryCache() {
    for (Caches which : Caches.ALL) {
      for (boolean onPrimary : new boolean[] {true, false}) {
        String key = "missing-copy-" + onPrimary + "-" + which.cacheName();
        AdvancedCache<String, String> cache = cache(pair.first, which);
        cache.put(key, "held");
        local(onPrimary ? primary(which, key) : other(which, key), which).remove(key);

        ConflictManagerFactory.get(cache).resolveConflicts();

        assertThat(copies(which, key))
            .as("%s, missing on the %s owner", which.cacheName(), onPrimary ? "primary" : "other")
            .containsExactly("held", "held");
      }
    }
  }

  @Test
  void aRedeemedCodeAStaleCopyBringsBackIsRefused() {
    InfinispanAuthorizationCodes codes = new InfinispanAuthorizationCodes(caches, codec, uses);
    codes.issue(
        "code-1",
        new IssuedCode(
            "portal",
            URI.create("https://a.test/cb"),
            "challenge",
            Optional.empty(),
            StateCodecTest.everything(),
            "bg-eauth",
            RequestedClaims.NONE,
            "openid",
            later),
        Duration.ofMinutes(1));
    String stale = cache(pair.first, Caches.CODES).get(SecretKeys.of("code-1"));

    assertThat(codes.redeem("code-1", Optional.of("handle"), later)).isTrue();
    assertThat(codes.find("code-1")).as("removed once redeemed").isEmpty();
    bringBack(Caches.CODES, SecretKeys.of("code-1"), stale);
    assertThat(codes.find("code-1")).as("brought back").isPresent();
    assertThat(codes.redeem("code-1", Optional.of("another"), later))
        .as("redeemed before")
        .isFalse();
    assertThat(codes.redemption("code-1").orElseThrow().accessTokenHandle())
        .as("what the first redemption issued, to revoke")
        .contains("handle");
  }

  @Test
  void aUsedPushedRequestAStaleCopyBringsBackIsRefused() {
    InfinispanPushedRequests pushed = new InfinispanPushedRequests(caches, codec, uses);
    pushed.push(
        "urn:x:1",
        new PushedRequests.Pushed("portal", Map.of("scope", List.of("openid")), later),
        Duration.ofMinutes(1));
    String stale = cache(pair.first, Caches.PUSHED_REQUESTS).get(SecretKeys.of("urn:x:1"));

    PushedRequests.Pushed found = pushed.find("urn:x:1").orElseThrow();
    assertThat(pushed.use("urn:x:1", found)).isTrue();
    bringBack(Caches.PUSHED_REQUESTS, SecretKeys.of("urn:x:1"), stale);
    assertThat(pushed.use("urn:x:1", pushed.find("urn:x:1").orElseThrow()))
        .as("used before")
        .isFalse();
  }

  @Test
  void aLoginEndedThatAStaleCopyBringsBackCannotEndAgain() {
    InfinispanLoginFlowStore flows = new InfinispanLoginFlowStore(caches, codec, uses);
    LoginFlow flow =
        LoginFlow.start(
            "flow-1",
            "binding",
            StateCodecTest.request(clients.find("portal").orElseThrow()).login(),
            StateCodecTest.request(clients.find("portal").orElseThrow()).channel(),
            "csrf",
            Instant.now());
    flows.create(flow, Duration.ofMinutes(1));
    LoginFlowStore.Stored stored = flows.find("flow-1").orElseThrow();
    String stale = cache(pair.first, Caches.LOGIN_FLOWS).get("flow-1");

    assertThat(flows.end(stored, later)).isTrue();
    bringBack(Caches.LOGIN_FLOWS, "flow-1", stale);
    LoginFlowStore.Stored back = flows.find("flow-1").orElseThrow();
    assertThat(flows.end(back, later)).as("ended before").isFalse();
  }

  @Test
  void aRevokedAccessTokenStaysRevokedWhenAStaleCopyComesBack() {
    InfinispanAccessTokens tokens =
        new InfinispanAccessTokens(caches, codec, java.time.Clock.systemUTC());
    String handle =
        tokens.store(
            "token-1",
            new AccessGrant(
                "portal", StateCodecTest.everything(), "mk-eid", RequestedClaims.NONE, later),
            Duration.ofMinutes(1));
    String stale = cache(pair.first, Caches.ACCESS_TOKENS).get(handle);

    assertThat(tokens.revokeByHandle(handle)).isTrue();
    local(other(Caches.ACCESS_TOKENS, handle), Caches.ACCESS_TOKENS).put(handle, stale);
    ConflictManagerFactory.get(cache(pair.first, Caches.ACCESS_TOKENS)).resolveConflicts();
    assertThat(tokens.find("token-1")).as("revoked on the preferred side").isEmpty();
  }

  /**
   * A stale copy of {@code key} on the owner that is not primary (the minority side of a split),
   * after the item was used on the preferred side; then conflict resolution, which brings it back.
   */
  private static void bringBack(Caches which, String key, String stale) {
    local(other(which, key), which).put(key, stale);
    ConflictManagerFactory.get(cache(pair.first, which)).resolveConflicts();
    assertThat(copies(which, key)).as("brought back").containsExactly(stale, stale);
  }

  private static AdvancedCache<String, String> cache(EmbeddedCacheManager manager, Caches which) {
    return manager.<String, String>getCache(which.cacheName()).getAdvancedCache();
  }

  /** The cache on one replica, without touching the other: one copy changed, as after a split. */
  private static AdvancedCache<String, String> local(EmbeddedCacheManager manager, Caches which) {
    return cache(manager, which).withFlags(Flag.CACHE_MODE_LOCAL);
  }

  private static EmbeddedCacheManager primary(Caches which, String key) {
    return managerAt(distribution(which, key).primary());
  }

  private static EmbeddedCacheManager other(Caches which, String key) {
    return primary(which, key) == pair.first ? pair.second : pair.first;
  }

  private static DistributionInfo distribution(Caches which, String key) {
    DistributionInfo info =
        cache(pair.first, which).getDistributionManager().getCacheTopology().getDistribution(key);
    assertThat(info.writeOwners()).hasSize(2);
    return info;
  }

  private static EmbeddedCacheManager managerAt(Address address) {
    return pair.first.getAddress().equals(address) ? pair.first : pair.second;
  }

  /** The copy on each replica, the primary's first. */
  private static String[] copies(Caches which, String key) {
    EmbeddedCacheManager primary = primary(which, key);
    return new String[] {local(primary, which).get(key), local(other(which, key), which).get(key)};
  }
}
