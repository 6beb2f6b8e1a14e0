package eu.mostbridge.national;

import eu.mostbridge.config.ConfigSection;
import eu.mostbridge.replay.ReplayCache;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * What a factory builds its eID with.
 *
 * @param id the eID's id
 * @param section its configuration, {@code most.national.<id>}
 * @param base Most's public base URL (its issuer), without a trailing slash
 * @param replayCache the cluster's replay cache, for answers used once
 * @param clock the broker's clock
 */
public record NationalEidContext(
    String id, ConfigSection section, String base, ReplayCache replayCache, Clock clock) {
  /** How long a login waits for a national answer unless its section says otherwise. */
  public static final Duration DEFAULT_PENDING_LIFETIME = Duration.ofMinutes(10);

  public NationalEidContext {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(section, "section");
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(replayCache, "replayCache");
    Objects.requireNonNull(clock, "clock");
  }

  /** Where the national eID answers: {@code <base>/callback/<id>}. */
  public URI callback() {
    return URI.create(base + "/callback/" + id);
  }

  /**
   * Most's default SAML entity ID there, which also serves its metadata: {@code <base>/saml/<id>}.
   */
  public String defaultEntityId() {
    return base + "/saml/" + id;
  }

  /** The section's {@code pending-lifetime}, or ten minutes. */
  public Duration pendingLifetime(ConfigSection from) {
    return from.duration("pending-lifetime").orElse(DEFAULT_PENDING_LIFETIME);
  }
}
