package eu.mostbridge.broker.state;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The broker's caches, wherever they live ({@code most.state.mode}): embedded in this process,
 * embedded and clustered over JGroups, or on an Infinispan Server. Started before the broker takes
 * traffic ({@link StateCachesProducer}).
 */
public interface StateCaches extends AutoCloseable {
  /** One cache, as the stores use it. */
  StateCache cache(Caches which);

  /**
   * Each cache's state for the readiness check: {@code available}, or why not ({@code degraded}:
   * this replica is in a minority partition; {@code unreachable}: the server does not answer;
   * {@code stopped}).
   */
  Map<String, String> status();

  /** Each cache's name with what {@code check} says of it, in {@link Caches} order. */
  static <C> Map<String, String> statusOf(Map<Caches, C> caches, Function<C, String> check) {
    Map<String, String> status = new LinkedHashMap<>();
    caches.forEach((which, cache) -> status.put(which.cacheName(), check.apply(cache)));
    return status;
  }

  /** What operators see beside the status in the readiness answer (cluster view, server). */
  Map<String, Object> details();

  /** Stops the caches (embedded: leaves the cluster, handing entries over) or the client. */
  @Override
  void close();
}
