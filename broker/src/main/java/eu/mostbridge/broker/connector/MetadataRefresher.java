package eu.mostbridge.broker.connector;

import eu.mostbridge.saml.metadata.RefreshingMetadata;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Re-reads eIDAS peers' metadata on a thread of its own (the connectors Most answers, the
 * ProxyServices it asks): every peer's refresh period, and while a peer's metadata was never read,
 * every {@link #FIRST_READ_RETRY} at most. A metadata URL's first read happens here too, so a peer
 * whose server does not answer never holds up start-up. Stopped with its owner.
 */
public final class MetadataRefresher implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(MetadataRefresher.class);

  /** How soon a peer whose metadata was never read is tried again. */
  public static final Duration FIRST_READ_RETRY = Duration.ofSeconds(30);

  private final ScheduledExecutorService refresher;

  /** A refresher whose thread is called {@code threadName}. */
  public MetadataRefresher(String threadName) {
    refresher =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, threadName);
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Re-reads {@code metadata} every {@code every}, the first time now if it was never read.
   *
   * @param trusted what the log says once its metadata is first read
   */
  public void keepFresh(
      String name, RefreshingMetadata<?> metadata, Duration every, String trusted) {
    schedule(
        name, metadata, metadata.current().isPresent() ? every : Duration.ZERO, every, trusted);
  }

  private void schedule(
      String name, RefreshingMetadata<?> metadata, Duration delay, Duration every, String trusted) {
    // The task schedules the next one itself, whatever happens in it.
    var unused =
        refresher.schedule(
            () -> {
              try {
                boolean before = metadata.current().isPresent();
                if (metadata.refresh() && !before) {
                  LOG.infof("%s: its metadata is read; %s", name, trusted);
                }
              } catch (RuntimeException | Error e) {
                LOG.errorf(e, "%s: reading its metadata failed", name);
              } finally {
                if (!refresher.isShutdown()) {
                  Duration next =
                      metadata.current().isPresent() || every.compareTo(FIRST_READ_RETRY) < 0
                          ? every
                          : FIRST_READ_RETRY;
                  schedule(name, metadata, next, every, trusted);
                }
              }
            },
            delay.toMillis(),
            TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    refresher.shutdownNow();
  }
}
