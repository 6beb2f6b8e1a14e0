package eu.mostbridge.adapter;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Set;

/**
 * Announces, once when an adapter is built, every departure from the strict profile it is
 * configured with: an operator reading the start-up log sees each relaxation by name and peer. Uses
 * the JDK's platform logging, which Quarkus and Keycloak route into their own logs.
 */
public final class RelaxationLog {
  private static final Logger LOG = System.getLogger("eu.mostbridge.adapter.relaxations");

  private RelaxationLog() {}

  public static void announce(String adapterId, Set<String> relaxations) {
    if (relaxations.isEmpty()) {
      LOG.log(Level.INFO, "{0}: strict profile, no relaxation", adapterId);
    } else {
      LOG.log(Level.WARNING, "{0}: strict profile relaxed by {1}", adapterId, relaxations);
    }
  }
}
