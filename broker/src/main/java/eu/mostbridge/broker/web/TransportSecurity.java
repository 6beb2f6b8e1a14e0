package eu.mostbridge.broker.web;

import eu.mostbridge.broker.config.BrokerConfig;
import eu.mostbridge.broker.config.IssuerUrl;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * HTTP Strict Transport Security on every answer of the public port when the issuer is https: after
 * one visit the browser never asks Most over plain http, where an attacker on the network could
 * answer for it (and, for instance, set cookies). Sent whatever the scheme of the request itself:
 * behind a TLS-terminating Ingress, Most sees plain http and the browser sees https. Without {@code
 * includeSubDomains}: Most does not own its parent domain's other hosts.
 */
@ApplicationScoped
public class TransportSecurity {
  /** One year, as browsers' preload lists expect. */
  static final String HSTS = "max-age=31536000";

  void install(@Observes Router router, BrokerConfig config) {
    if (!IssuerUrl.of(config).secure()) {
      return;
    }
    router
        .route()
        .order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT)
        .handler(
            context -> {
              context.addHeadersEndHandler(
                  done -> context.response().putHeader("Strict-Transport-Security", HSTS));
              context.next();
            });
  }
}
