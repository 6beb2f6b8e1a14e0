package eu.mostbridge.simulator.saml;

/**
 * An accepted authentication request: what the simulator needs to answer it.
 *
 * @param id the request ID (answered in InResponseTo)
 * @param serviceProvider the registered SP that sent it
 * @param level the requested level: low, substantial or high
 * @param relayState the RelayState to return, or null
 */
record ReceivedRequest(
    String id, RegisteredServiceProvider serviceProvider, String level, String relayState) {}
