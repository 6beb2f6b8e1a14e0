package eu.mostbridge.saml.metadata;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Optional;
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
    this(source, name);
    current.set(source.load());
  }

  private RefreshingMetadata(Source<T> source, String name) {
    this.name = name;
    this.source = source;
  }

  /**
   * Metadata not read yet: {@link #current()} is empty until a {@link #refresh()} succeeds. For a
   * peer whose metadata is fetched from its own server, which may be down when Most starts: Most
   * runs without that peer rather than not at all.
   */
  public static <T> RefreshingMetadata<T> awaiting(String name, Source<T> source) {
    return new RefreshingMetadata<>(source, name);
  }

  /**
   * The peer as last read successfully.
   *
   * @throws IllegalStateException if it was never read (only for {@link #awaiting})
   */
  @Override
  public T get() {
    T peer = current.get();
    if (peer == null) {
      throw new IllegalStateException(name + ": its metadata has not been read yet");
    }
    return peer;
  }

  /** The peer as last read successfully, if it ever was. */
  public Optional<T> current() {
    return Optional.ofNullable(current.get());
  }

  /** Re-reads the metadata; true if the peer was replaced. Never throws. */
  public boolean refresh() {
    try {
      current.set(source.load());
      return true;
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      // A copy that was read but refused is a mistake to fix (a wrong signer, entity ID, or
      // profile); one that could not be fetched may pass.
      Level level = e instanceof MetadataException ? Level.ERROR : Level.WARNING;
      String what = e instanceof MetadataException ? "refused" : "cannot be read";
      if (current.get() == null) {
        LOG.log(level, "{0}: its metadata {1}, so it is not trusted: {2}", name, what, reason(e));
      } else {
        LOG.log(
            level,
            "{0}: its new metadata {1}; the last good version is kept: {2}",
            name,
            what,
            reason(e));
      }
      return false;
    }
  }

  /** What went wrong, for the log: a refused connection has no message of its own. */
  private static String reason(Exception e) {
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
