package eu.mostbridge.broker.flow;

import eu.mostbridge.broker.config.BrokerConfig;
import eu.mostbridge.broker.flow.LoginFlowStore.Stored;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * A login's life in the store: admitted and created, moved a step on without undoing a step that
 * raced with it, ended once. Who may move it (the browser, the CSRF token) is {@link
 * BrowserBoundLogins}'s question, not this class's.
 */
@ApplicationScoped
public class LoginProgress {
  private static final Logger LOG = Logger.getLogger(LoginProgress.class);

  /** How often a step re-reads a login another step changed under it before it gives up. */
  private static final int ATTEMPTS = 4;

  private final LoginFlowStore flows;
  private final Duration lifetime;
  private final Clock clock;

  public LoginProgress(LoginFlowStore flows, BrokerConfig config, Clock clock) {
    this.flows = flows;
    this.lifetime = config.lifetimes().login();
    this.clock = clock;
  }

  /** The login {@code flowId} as stored, if it exists and has not passed its own expiry. */
  public Optional<Stored> find(String flowId) {
    // Its own expiry too: a copy re-written by Infinispan's conflict resolution has a new lifespan.
    return (flowId == null ? Optional.<Stored>empty() : flows.find(flowId))
        .filter(s -> clock.instant().isBefore(s.flow().expiresAt(lifetime)));
  }

  /** Refuses a new login with the state's 503 when this replica holds its bound of them. */
  public void admitNewLogin() {
    flows.admitNewLogin();
  }

  /** Stores a login that has just begun. */
  public void create(LoginFlow flow) {
    flows.create(flow, timeLeft(flow));
  }

  /**
   * Moves the login a step on: {@code step} turns the login as stored into its next version, or
   * refuses (empty) when the login is no longer at a step it applies to. Written only over the
   * version it was made from; when another request changed the login meanwhile, the login is read
   * again and {@code step} applied to what is there now.
   *
   * @return the login as written, or empty when it is gone (ended by another step, expired) or
   *     {@code step} refused it
   */
  public Optional<LoginFlow> advance(Stored stored, Function<LoginFlow, Optional<LoginFlow>> step) {
    Stored current = stored;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Optional<LoginFlow> next = step.apply(current.flow());
      if (next.isEmpty()) {
        return Optional.empty();
      }
      if (flows.replace(current, next.get(), timeLeft(next.get()))) {
        return next;
      }
      Optional<Stored> again = find(current.flow().id());
      if (again.isEmpty() || !again.get().flow().browser().equals(current.flow().browser())) {
        return Optional.empty();
      }
      current = again.get();
    }
    return Optional.empty();
  }

  /**
   * Ends the login, once ({@link LoginFlowStore#end}): of two ends, on any replicas, and also
   * against a stale copy a healed split brings back, one wins. What the ending hands out must be
   * stored before and shown only when this is not empty.
   *
   * @return the login as it was ended, or empty when it was ended before
   */
  public Optional<LoginFlow> end(Stored stored) {
    if (!flows.end(stored, stored.flow().expiresAt(lifetime))) {
      return Optional.empty();
    }
    forgetNationalRequest(stored.flow());
    return Optional.of(stored.flow());
  }

  /**
   * Forgets the national request {@code flow} awaits the answer to, if any: the citizen chose again
   * or the login ended, and an answer to it now finds nothing.
   */
  public void forgetNationalRequest(LoginFlow flow) {
    flow.national()
        .ifPresent(
            pending -> {
              try {
                var unused =
                    flows.takeNationalAnswer(
                        pending.adapterId(), pending.correlationId(), flow.id());
              } catch (StateUnavailableException e) {
                // What the login did stands; an answer to the request finds no login waiting.
                LOG.debugf("A national request stays until it expires: %s", e.getMessage());
              }
            });
  }

  /** The time left until {@code flow} expires, at least a second. */
  public Duration timeLeft(LoginFlow flow) {
    Duration left = Duration.between(clock.instant(), flow.expiresAt(lifetime));
    return left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left;
  }
}
