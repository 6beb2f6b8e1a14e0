package eu.mostbridge.broker.national;

import eu.mostbridge.adapter.FailedAnswerLimit;
import eu.mostbridge.broker.state.InfinispanReplayCache;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Counts answers that failed validation, per pending login and per source, for a national eID that
 * declares a {@link FailedAnswerLimit}. Counting uses only the cluster's one-time records: the n-th
 * failure takes the n-th free slot ({@code putIfAbsent}), so replicas count together and a lost
 * race only takes the next slot. A source is an IPv4 address or an IPv6 /64 (one subscriber's usual
 * allocation), as the HTTP layer sees it: behind a reverse proxy, only with the proxy's forwarding
 * trusted (docs/DEPLOYMENT.md), or every citizen would share the proxy's count.
 */
@ApplicationScoped
public class FailedAnswers {
  private final InfinispanReplayCache records;

  public FailedAnswers(InfinispanReplayCache records) {
    this.records = records;
  }

  /** What counting one failed answer found. */
  public record Count(boolean loginExhausted, boolean sourceExhausted) {}

  /** Whether {@code source} has used up its failed answers to {@code eid}. */
  public boolean sourceExhausted(String eid, String source, FailedAnswerLimit limit) {
    return records
        .recorded(scope(eid, "source"), slot(source(source), limit.perSource()))
        .isPresent();
  }

  /** Counts one failed answer to the login waiting on {@code correlation}, from {@code source}. */
  public Count count(String eid, String correlation, String source, FailedAnswerLimit limit) {
    Instant until = Instant.now().plus(limit.window());
    int login = take(scope(eid, "login"), correlation, limit.perLogin(), until);
    int fromSource = take(scope(eid, "source"), source(source), limit.perSource(), until);
    return new Count(login >= limit.perLogin(), fromSource >= limit.perSource());
  }

  /** Takes the lowest free slot of {@code id} and returns its number; {@code limit} when full. */
  private int take(String scope, String id, int limit, Instant until) {
    for (int n = 1; n <= limit; n++) {
      if (records.firstUse(scope, slot(id, n), until)) {
        return n;
      }
    }
    return limit;
  }

  private static String scope(String eid, String what) {
    return "failed-answers:" + eid + ":" + what;
  }

  private static String slot(String id, int n) {
    return id + "#" + n;
  }

  /** The address, or its /64 for IPv6; unparsable text is counted as itself. */
  static String source(String address) {
    if (address == null || address.isEmpty()) {
      return "unknown";
    }
    if (address.indexOf(':') < 0) {
      return address;
    }
    try {
      byte[] bytes = InetAddress.getByName(address.replaceAll("^\\[|\\]$", "")).getAddress();
      if (bytes.length == 16) {
        return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
      }
      return InetAddress.getByAddress(bytes).getHostAddress();
    } catch (UnknownHostException e) {
      return address;
    }
  }
}
