package eu.mostbridge.broker.national;

import eu.mostbridge.saml.AlgorithmPolicy;
import eu.mostbridge.saml.SamlMessages;
import eu.mostbridge.saml.ServiceProviderIdentity;
import eu.mostbridge.saml.metadata.SpMetadataWriter;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Most's signed SAML service provider metadata towards a SAML national eID, served at its entity ID
 * ({@code /saml/<adapter id>}), so the national operator can fetch what to register: signing and
 * encryption certificates, the ACS, the algorithms Most accepts. Valid for 7 days.
 */
@Path("/saml/{adapter}")
public class ServiceProviderMetadataResource {
  private final Clock clock;
  static final Duration VALIDITY = Duration.ofDays(7);

  private final NationalEids eids;

  public ServiceProviderMetadataResource(NationalEids eids, Clock clock) {
    this.clock = clock;
    this.eids = eids;
  }

  /** Signed metadata made within the last hour, per adapter. */
  private final Map<String, Signed> signed = new ConcurrentHashMap<>();

  /** The metadata as text (UTF-8), so the record holds no array. */
  private record Signed(String xml, Instant madeAt) {}

  /**
   * Served on the I/O thread from a copy signed at most an hour ago: eAuth reads it on every login
   * (and the demo's eAuth simulator, running inside this server on a worker thread, does too), so
   * it must neither cost a signature each time nor wait for a worker.
   */
  @GET
  @NonBlocking
  public Response metadata(@PathParam("adapter") String adapterId) {
    ServiceProviderIdentity sp =
        eids.serviceProvider(adapterId).orElseThrow(NotFoundException::new);
    Instant now = clock.instant();
    Signed current =
        signed.compute(
            adapterId,
            (id, old) ->
                old != null && old.madeAt().isAfter(now.minus(Duration.ofHours(1)))
                    ? old
                    : new Signed(
                        SamlMessages.toXml(
                            SpMetadataWriter.write(
                                sp,
                                AlgorithmPolicy.eidasStrict(),
                                now,
                                VALIDITY,
                                AlgorithmPolicy.RSA_PSS_SHA256)),
                        now));
    return Response.ok(
            current.xml().getBytes(java.nio.charset.StandardCharsets.UTF_8),
            "application/samlmetadata+xml")
        .header("Cache-Control", "max-age=60")
        .build();
  }
}
