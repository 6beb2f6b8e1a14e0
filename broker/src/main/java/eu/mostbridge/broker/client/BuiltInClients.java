package eu.mostbridge.broker.client;

import java.util.List;

/**
 * Clients registered by code rather than by the clients file: the demo's relying parties, whose
 * redirect URIs follow the port the demo runs on.
 */
public interface BuiltInClients {
  List<ClientRegistration> clients();
}
