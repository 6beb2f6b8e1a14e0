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
 * @param callback where the national eID answers (the SAML assertion consumer service, the OIDC
 *     redirect URI)
 * @param defaultEntityId Most's SAML entity ID there unless the section names one; it is also the
 *     URL of its metadata, where eAuth reads it
 */
public record NationalEidContext(
    String id,
    ConfigSection section,
    String base,
    ReplayCache replayCache,
    Clock clock,
    URI callback,
    String defaultEntityId) {
  /** How long a login waits for a national answer unless its section says otherwise. */
  public static final Duration DEFAULT_PENDING_LIFETIME = Duration.ofMinutes(10);

  public NationalEidContext {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(section, "section");
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(replayCache, "replayCache");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(callback, "callback");
    Objects.requireNonNull(defaultEntityId, "defaultEntityId");
  }

  /**
   * The broker's context: answers at {@code <base>/callback/<id>}, the entity ID and metadata at
   * {@code <base>/saml/<id>}. A host with addresses of its own (Keycloak's {@code
   * /realms/<realm>/broker/<alias>/endpoint}) names them with the canonical constructor.
   */
  public NationalEidContext(
      String id, ConfigSection section, String base, ReplayCache replayCache, Clock clock) {
    this(
        id,
        section,
        base,
        replayCache,
        clock,
        URI.create(base + "/callback/" + id),
        base + "/saml/" + id);
  }

  /** The section's {@code pending-lifetime}, or ten minutes. */
  public Duration pendingLifetime(ConfigSection from) {
    return from.duration("pending-lifetime").orElse(DEFAULT_PENDING_LIFETIME);
  }
}
