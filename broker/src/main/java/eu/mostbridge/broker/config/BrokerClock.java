package eu.mostbridge.broker.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The one clock every lifetime, expiry and timestamp of the broker and its national eIDs is read
 * from, so tests can move time instead of waiting for it. Elapsed times that are measured, not
 * compared with a lifetime (metrics, waits), use {@link System#nanoTime()}.
 */
public class BrokerClock {
  @Produces
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }
}
