package eu.mostbridge.broker.national;

import eu.mostbridge.saml.AlgorithmPolicy;
import eu.mostbridge.saml.SamlMessages;
import eu.mostbridge.saml.ServiceProviderIdentity;
import eu.mostbridge.saml.metadata.SpMetadataWriter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;

/**
 * Most's signed SAML service provider metadata towards a SAML national eID, served at its entity ID
 * ({@code /saml/<adapter id>}), so the national operator can fetch what to register: signing and
 * encryption certificates, the ACS, the algorithms Most accepts. Valid for 7 days.
 */
@Path("/saml/{adapter}")
public class ServiceProviderMetadataResource {
  static final Duration VALIDITY = Duration.ofDays(7);

  private final NationalEids eids;

  public ServiceProviderMetadataResource(NationalEids eids) {
    this.eids = eids;
  }

  @GET
  public Response metadata(@PathParam("adapter") String adapterId) {
    ServiceProviderIdentity sp =
        eids.serviceProvider(adapterId).orElseThrow(NotFoundException::new);
    byte[] xml =
        SamlMessages.toBytes(
            SpMetadataWriter.write(
                sp,
                AlgorithmPolicy.eidasStrict(),
                Instant.now(),
                VALIDITY,
                AlgorithmPolicy.RSA_PSS_SHA256));
    return Response.ok(xml, "application/samlmetadata+xml")
        .header("Cache-Control", "max-age=3600")
        .build();
  }
}
