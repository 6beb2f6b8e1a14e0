package eu.mostbridge.demo;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import org.jboss.logging.Logger;

/**
 * Mounts the national IdP simulators under {@code /sim/<name>/} of the broker's HTTP server, in the
 * demo artifact: {@code /sim/eauth/}, {@code /sim/mvr/}, {@code /sim/eid-mk/}, and the eIDAS
 * connector with its demo service, {@code /sim/eidas-connector/}, and the member states'
 * ProxyServices, {@code /sim/eidas-<cc>/}.
 */
@ApplicationScoped
public class SimulatorRoutes {
  private static final Logger LOG = Logger.getLogger(SimulatorRoutes.class);
  private static final int MAX_BODY = 256 * 1024;

  void mount(
      @Observes Router router,
      DemoNationalEids demo,
      DemoConnectors connectors,
      DemoEidasNetwork network) {
    router.route("/sim/*").handler(BodyHandler.create().setBodyLimit(MAX_BODY));
    router
        .route("/sim/*")
        .blockingHandler(
            context -> {
              String path = context.request().path();
              String name = path.substring("/sim/".length()).split("/", 2)[0];
              var simulator =
                  demo.simulator(name)
                      .or(() -> connectors.simulator(name))
                      .or(() -> network.simulator(name));
              if (simulator.isEmpty()) {
                context.response().setStatusCode(404).end("No such simulator");
                return;
              }
              try {
                simulator.get().handle(new BridgedExchange(context));
              } catch (IOException | RuntimeException e) {
                LOG.warnf("Simulator %s failed: %s", name, e.getClass().getSimpleName());
                if (!context.response().ended()) {
                  context.response().setStatusCode(500).end("Simulator error");
                }
              }
            },
            false);
    LOG.info("Demo: national IdP simulators mounted under /sim/");
  }
}
