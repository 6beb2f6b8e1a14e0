package eu.mostbridge.adapter;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Bounds what the answers to a national eID that declares a {@link FailedAnswerLimit} can ask of
 * its decryption, wherever the adapter runs (Most's broker, a Keycloak provider): each answer to a
 * pending login takes one of the login's few numbers before it is read (so answers sent together
 * cannot all be read), each failed one counts against its source, and a source has only a few
 * answers under validation at once. Counting uses only the host's one-time records ({@link Slots}):
 * the n-th takes the n-th free slot, so the nodes of a cluster count together and a lost race only
 * takes the next slot. A source is an IPv4 address or an IPv6 /64 (one subscriber's usual
 * allocation), as the host's HTTP layer sees it: behind a reverse proxy, only with the proxy's
 * forwarding trusted, or every citizen would share the proxy's count.
 */
public final class AnswerAdmission {
  /**
   * Answers one source may begin to have read within {@link #IN_FLIGHT}: answers sent together
   * would otherwise all be read before the first of them is counted. Eight a second is more than
   * the citizens behind one address send, and bounds how far a burst overshoots the source's failed
   * answers.
   */
  public static final int IN_FLIGHT_PER_SOURCE = 8;

  /** The period of {@link #IN_FLIGHT_PER_SOURCE}: longer than a refusal's 200 ms. */
  public static final Duration IN_FLIGHT = Duration.ofSeconds(1);

  /**
   * The host's one-time records, shared by every node: a slot is taken once, until its expiry. Both
   * methods fail closed: a slot that cannot be taken is not taken, one that cannot be read is
   * taken.
   */
  public interface Slots {
    /** Takes slot {@code id} of {@code scope} until {@code keepUntil}; false when it was taken. */
    boolean take(String scope, String id, Instant keepUntil);

    /** Whether slot {@code id} of {@code scope} is taken. */
    boolean taken(String scope, String id);
  }

  /** Whether an answer may be read, decided before it is. */
  public sealed interface Admission {}

  /** It may: it took the login's answer number {@code slot}. */
  public record Admitted(int slot) implements Admission {}

  /** The login has had all its answers: it ends without this one being read. */
  public record LoginExhausted() implements Admission {}

  /** The source has used up its failed answers, or has too many under validation. */
  public record SourceRefused(boolean busy) implements Admission {}

  private final Slots slots;
  private final Clock clock;

  public AnswerAdmission(Slots slots, Clock clock) {
    this.slots = Objects.requireNonNull(slots, "slots");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Decides, before anything is decrypted, whether an answer to the login waiting on {@code
   * correlation} may be read: the source must have failed answers left and fewer than {@link
   * #IN_FLIGHT_PER_SOURCE} under validation, and the login an answer number left (every answer
   * takes one, so answers sent together cannot all be read).
   */
  public Admission admit(String eid, String correlation, String source, FailedAnswerLimit limit) {
    String from = source(source);
    if (slots.taken(scope(eid, "source"), slot(from, limit.perSource()))) {
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
      if (slots.take(scope, slot(id, n), until)) {
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
  public static String source(String address) {
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
