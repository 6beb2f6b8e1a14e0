package eu.mostbridge.saml;

import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.opensaml.core.config.InitializationException;
import org.opensaml.core.config.InitializationService;

/**
 * Initialises OpenSAML once per JVM (about a second: do it at start-up, not on the first login).
 * Registers Bouncy Castle as a JCA provider, after the JDK's own, because XML Signature's RSA-PSS
 * identifiers ({@code sha256-rsa-MGF1}) map to algorithm names only Bouncy Castle provides.
 */
public final class OpenSamlRuntime {
  private static volatile boolean initialized;

  private OpenSamlRuntime() {}

  public static void ensureInitialized() {
    if (initialized) {
      return;
    }
    synchronized (OpenSamlRuntime.class) {
      if (initialized) {
        return;
      }
      if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
        Security.addProvider(new BouncyCastleProvider());
      }
      try {
        InitializationService.initialize();
      } catch (InitializationException e) {
        throw new IllegalStateException("OpenSAML could not be initialised", e);
      }
      initialized = true;
    }
  }
}
