package eu.mostbridge.broker.state;

import eu.mostbridge.broker.config.BrokerConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Opens the state on a thread of its own from the first start-up observer, so that Infinispan's
 * start (0.6 to 0.8 s of a 2.5 to 3 s start; longer when it joins a cluster) runs beside the
 * broker's other start-up beans (clients, signing keys, the national eIDs' discovery) instead of
 * after them. {@link StateCachesProducer} waits for it after those beans, so a replica whose state
 * cannot be opened still fails its start, with the same error, before it takes traffic. (The one
 * earlier CDI event, {@code @Initialized(ApplicationScoped.class)}, comes before the runtime
 * configuration exists.)
 *
 * <p>This bean owns the caches: it closes them when the application stops, also when the start
 * failed elsewhere (a missing setting found by {@code ProductionReadiness}) after the caches had
 * already joined a cluster, so that such a replica still leaves it in order.
 */
@ApplicationScoped
public class StateStart {
  private static final Logger LOG = Logger.getLogger(StateStart.class);

  /**
   * How long a stopping broker waits for a start still under way before it leaves without closing
   * the caches (the cluster then treats it as a crashed member).
   */
  private static final Duration ABANDON_AFTER = Duration.ofSeconds(10);

  private final BrokerConfig.State state;
  private final CompletableFuture<StateCaches> opened = new CompletableFuture<>();
  private final AtomicBoolean begun = new AtomicBoolean();

  public StateStart(BrokerConfig config) {
    this.state = config.state();
  }

  void begin(@Observes @Priority(1) StartupEvent event) {
    begin();
  }

  /** Starts opening the state, once; a later call does nothing. */
  void begin() {
    if (!begun.compareAndSet(false, true)) {
      return;
    }
    Thread opener =
        new Thread(
            () -> {
              try {
                opened.complete(StateCachesProducer.open(state));
              } catch (RuntimeException | Error e) {
                opened.completeExceptionally(e);
              }
            },
            "most-state-start");
    opener.setDaemon(true); // a start that hangs must not keep a failed JVM alive
    opener.start();
  }

  /**
   * The opened caches, waiting for the start (begun here if no start-up event has begun it); its
   * failure, as it was thrown.
   */
  StateCaches caches() {
    begin();
    try {
      return opened.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while the state was opening", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  @PreDestroy
  void close() {
    if (!begun.get()) {
      return;
    }
    StateCaches caches;
    try {
      caches = opened.get(ABANDON_AFTER.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      return; // nothing was opened
    } catch (TimeoutException e) {
      LOG.warnf(
          "The state was still opening after %s of the stop: left without closing it",
          ABANDON_AFTER);
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    caches.close();
  }
}
