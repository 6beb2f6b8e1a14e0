package eu.mostbridge.saml.metadata;

import eu.mostbridge.saml.IdentityProviderPeer;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The current peer of an IdP whose metadata is re-read periodically (by the broker's scheduler,
 * calling {@link #refresh()}): a good new version replaces the old; a bad one is logged and the
 * last good version kept. Consumers read {@link #get()} per login, so a key rollover published in
 * metadata takes effect at the next refresh.
 */
public final class RefreshingIdpMetadata implements Supplier<IdentityProviderPeer> {
  private static final Logger LOG = System.getLogger("eu.mostbridge.saml.metadata");

  /**
   * Fetches and checks the metadata once (file read or HTTP GET plus {@link IdpMetadataReader}).
   */
  @FunctionalInterface
  public interface Source {
    IdentityProviderPeer load() throws Exception;
  }

  private final String name;
  private final Source source;
  private final AtomicReference<IdentityProviderPeer> current = new AtomicReference<>();

  /** Loads once now; a first failure stops start-up rather than run without a trusted peer. */
  public RefreshingIdpMetadata(String name, Source source) throws Exception {
    this.name = name;
    this.source = source;
    current.set(source.load());
  }

  @Override
  public IdentityProviderPeer get() {
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
