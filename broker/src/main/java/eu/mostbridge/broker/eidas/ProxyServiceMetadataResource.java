package eu.mostbridge.broker.eidas;

import eu.mostbridge.broker.connector.EidasConfig;
import eu.mostbridge.broker.web.MetadataDocuments;
import eu.mostbridge.saml.SamlMessages;
import eu.mostbridge.saml.eidas.ProxyServiceIdentity;
import eu.mostbridge.saml.eidas.ProxyServiceMetadataWriter;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.time.Clock;

/**
 * The signed eIDAS metadata of the identity provider for one origin country, at {@code
 * /eidas/<country>/metadata}: the URL connectors are configured with, and the entity ID and Issuer
 * of everything it sends. Valid for {@code most.eidas.metadata-validity}, re-signed every hour, so
 * a new signing key or level shows within the hour.
 */
@Path("/eidas/{country}/metadata")
public class ProxyServiceMetadataResource {
  private final ProxyServices services;
  private final EidasConfig config;
  private final Clock clock;
  private final MetadataDocuments documents = new MetadataDocuments();

  public ProxyServiceMetadataResource(ProxyServices services, EidasConfig config, Clock clock) {
    this.services = services;
    this.config = config;
    this.clock = clock;
  }

  /** Served on the I/O thread: connectors poll it, and a signature is made once an hour. */
  @GET
  @NonBlocking
  public Response metadata(@PathParam("country") String country) {
    ProxyServiceIdentity identity = services.bySegment(country).orElseThrow(NotFoundException::new);
    return documents.serve(
        country,
        clock.instant(),
        now ->
            SamlMessages.toXml(
                ProxyServiceMetadataWriter.write(identity, now, config.metadataValidity())));
  }
}
