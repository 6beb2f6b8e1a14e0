package eu.mostbridge.saml.metadata;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The current peer read from metadata that is re-read periodically (the owner calls {@link
 * #refresh()} on a schedule): a good new version replaces the old; a bad one is logged and the last
 * good version kept. Consumers read {@link #get()} per message, so a key rollover published in
 * metadata takes effect at the next refresh.
 *
 * @param <T> the peer metadata describes (an identity provider, a connector)
 */
public final class RefreshingMetadata<T> implements Supplier<T> {
  private static final Logger LOG = System.getLogger("eu.mostbridge.saml.metadata");

  /**
   * Fetches and checks the metadata once (file read or HTTP GET plus {@link IdpMetadataReader}).
   */
  @FunctionalInterface
  public interface Source<T> {
    T load() throws Exception;
  }

  private final String name;
  private final Source<T> source;
  private final AtomicReference<T> current = new AtomicReference<>();

  /** Loads once now; a first failure stops start-up rather than run without a trusted peer. */
  public RefreshingMetadata(String name, Source<T> source) throws Exception {
    this.name = name;
    this.source = source;
    current.set(source.load());
  }

  @Override
  public T get() {
    return current.get();
  }

  /** Re-reads the metadata; true if the peer was replaced. Never throws. */
  public boolean refresh() {
    try {
      current.set(source.load());
      return true;
    } catch (Exception e) {
      LOG.log(
          Level.WARNING,
          "{0}: metadata refresh failed, keeping the last good version: {1}",
          name,
          e.getMessage());
      return false;
    }
  }
}
