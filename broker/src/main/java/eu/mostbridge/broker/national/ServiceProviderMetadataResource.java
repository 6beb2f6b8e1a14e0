package eu.mostbridge.broker.national;

import eu.mostbridge.broker.web.MetadataDocuments;
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

  private final MetadataDocuments documents = new MetadataDocuments();

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
    return documents.serve(
        adapterId,
        clock.instant(),
        now ->
            SamlMessages.toXml(
                SpMetadataWriter.write(
                    sp,
                    AlgorithmPolicy.eidasStrict(),
                    now,
                    VALIDITY,
                    AlgorithmPolicy.RSA_PSS_SHA256)));
  }
}
