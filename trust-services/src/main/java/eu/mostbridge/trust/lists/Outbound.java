package eu.mostbridge.trust.lists;

import eu.europa.esig.dss.service.http.commons.CommonsDataLoader;
import eu.europa.esig.dss.service.http.commons.OCSPDataLoader;
import eu.europa.esig.dss.spi.client.http.DataLoader;
import eu.mostbridge.trust.config.TrustConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Every request the service makes of the outside (the lists, CRLs, OCSP, issuers' certificates)
 * goes through the loaders made here: over HTTP with the configured time-outs, or, in offline mode,
 * from the fixtures only.
 */
@ApplicationScoped
public class Outbound {
  private static final Logger LOG = Logger.getLogger(Outbound.class);

  private final Optional<FixtureDataLoader> fixtures;
  private final DataLoader get;
  private final DataLoader ocsp;

  public Outbound(TrustConfig config) {
    this.fixtures = config.fixtures().map(FixtureDataLoader::of);
    if (fixtures.isPresent()) {
      LOG.warnf(
          "Offline: trusted lists, CRLs and OCSP are read from the fixtures in %s, and nothing"
              + " else; never in production",
          fixtures.get().folder());
      this.get = fixtures.get();
      this.ocsp = fixtures.get();
    } else {
      int timeout = Math.toIntExact(config.fetchTimeout().toMillis());
      CommonsDataLoader http = new CommonsDataLoader();
      OCSPDataLoader ocspHttp = new OCSPDataLoader();
      for (CommonsDataLoader loader : new CommonsDataLoader[] {http, ocspHttp}) {
        loader.setTimeoutConnection(timeout);
        loader.setTimeoutConnectionRequest(timeout);
        loader.setTimeoutResponse(timeout);
        loader.setTimeoutSocket(timeout);
      }
      this.get = http;
      this.ocsp = ocspHttp;
    }
  }

  /** GET: lists, CRLs, certificates. */
  public DataLoader get() {
    return get;
  }

  /** POST of OCSP requests. */
  public DataLoader ocsp() {
    return ocsp;
  }

  /** The fixtures, in offline mode. */
  public Optional<FixtureDataLoader> fixtures() {
    return fixtures;
  }
}
