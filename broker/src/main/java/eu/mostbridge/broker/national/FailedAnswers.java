package eu.mostbridge.broker.national;

import eu.mostbridge.adapter.FailedAnswerLimit;
import eu.mostbridge.broker.state.InfinispanReplayCache;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Bounds what the answers to a national eID that declares a {@link FailedAnswerLimit} can ask of
 * its decryption: each answer to a pending login takes one of the login's few numbers before it is
 * read (so answers sent together cannot all be read), each failed one counts against its source,
 * and a source has only a few answers under validation at once. Counting uses only the cluster's
 * one-time records: the n-th takes the n-th free slot ({@code putIfAbsent}), so replicas count
 * together and a lost race only takes the next slot. A source is an IPv4 address or an IPv6 /64
 * (one subscriber's usual allocation), as the HTTP layer sees it: behind a reverse proxy, only with
 * the proxy's forwarding trusted (docs/DEPLOYMENT.md), or every citizen would share the proxy's
 * count.
 */
@ApplicationScoped
public class FailedAnswers {
  private final Clock clock;

  /**
   * Answers one source may begin to have read within {@link #IN_FLIGHT}: answers sent together
   * would otherwise all be read before the first of them is counted. Eight a second is more than
   * the citizens behind one address send, and bounds how far a burst overshoots the source's failed
   * answers.
   */
  static final int IN_FLIGHT_PER_SOURCE = 8;

  /** The period of {@link #IN_FLIGHT_PER_SOURCE}: longer than a refusal's 200 ms. */
  static final Duration IN_FLIGHT = Duration.ofSeconds(1);

  private final InfinispanReplayCache records;

  public FailedAnswers(InfinispanReplayCache records, Clock clock) {
    this.clock = clock;
    this.records = records;
  }

  /** Whether an answer may be read, decided before it is. */
  public sealed interface Admission {}

  /** It may: it took the login's answer number {@code slot}. */
  public record Admitted(int slot) implements Admission {}

  /** The login has had all its answers: it ends without this one being read. */
  public record LoginExhausted() implements Admission {}

  /** The source has used up its failed answers, or has too many under validation. */
  public record SourceRefused(boolean busy) implements Admission {}

  /**
   * Decides, before anything is decrypted, whether an answer to the login waiting on {@code
   * correlation} may be read: the source must have failed answers left and fewer than {@link
   * #IN_FLIGHT_PER_SOURCE} under validation, and the login an answer number left (every answer
   * takes one, so answers sent together cannot all be read). When the state cannot be written, the
   * answer is not read (the caller's 503).
   */
  public Admission admit(String eid, String correlation, String source, FailedAnswerLimit limit) {
    String from = source(source);
    if (records.recorded(scope(eid, "source"), slot(from, limit.perSource())).isPresent()) {
      return new SourceRefused(false);
    }
    Instant now = clock.instant();
    if (take(scope(eid, "in-flight"), from, IN_FLIGHT_PER_SOURCE, now.plus(IN_FLIGHT)) == 0) {
      return new SourceRefused(true);
    }
    int slot = take(scope(eid, "login"), correlation, limit.perLogin(), now.plus(limit.window()));
    return slot == 0 ? new LoginExhausted() : new Admitted(slot);
  }

  /**
   * Counts a failed answer against its source.
   *
   * @return whether the source has now used up its failed answers
   */
  public boolean failed(String eid, String source, FailedAnswerLimit limit) {
    int n =
        take(
            scope(eid, "source"),
            source(source),
            limit.perSource(),
            clock.instant().plus(limit.window()));
    return n == 0 || n == limit.perSource();
  }

  /** Takes the lowest free slot of {@code id} and returns its number; 0 when all are taken. */
  private int take(String scope, String id, int limit, Instant until) {
    for (int n = 1; n <= limit; n++) {
      if (records.firstUse(scope, slot(id, n), until)) {
        return n;
      }
    }
    return 0;
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
