package eu.mostbridge.broker.connector;

import java.util.List;

/** Provides trusted connectors: the configured ones, or a demo's. */
public interface ConnectorSource {
  List<ConnectorRegistration> connectors();
}
