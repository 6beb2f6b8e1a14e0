package eu.mostbridge.broker.eidas;

import eu.mostbridge.broker.connector.EidasConfig;
import eu.mostbridge.broker.national.EidasNetworkEids;
import eu.mostbridge.broker.web.MetadataDocuments;
import eu.mostbridge.saml.SamlMessages;
import eu.mostbridge.saml.eidas.ConnectorIdentity;
import eu.mostbridge.saml.eidas.ConnectorMetadataWriter;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.time.Clock;

/**
 * The signed metadata of Most's eIDAS connector, at {@code /eidas/connector/metadata} unless {@code
 * most.eidas.network.entity-id} says otherwise: what each member state's ProxyService operator is
 * given, the Issuer of Most's requests and the Audience of their answers. Valid for {@code
 * most.eidas.metadata-validity}, re-signed every hour.
 */
@Path("/eidas/connector/metadata")
public class ConnectorMetadataResource {
  private final EidasNetworkEids network;
  private final EidasConfig config;
  private final Clock clock;
  private final MetadataDocuments documents = new MetadataDocuments();

  public ConnectorMetadataResource(EidasNetworkEids network, EidasConfig config, Clock clock) {
    this.network = network;
    this.config = config;
    this.clock = clock;
  }

  @GET
  @NonBlocking
  public Response metadata() {
    ConnectorIdentity connector = network.connector().orElseThrow(NotFoundException::new);
    return documents.serve(
        "connector",
        clock.instant(),
        now ->
            SamlMessages.toXml(
                ConnectorMetadataWriter.write(connector, now, config.metadataValidity())));
  }
}
