/**
 * The national eIDs behind the broker: the registry of configured country adapters and where they
 * come from.
 */
package eu.mostbridge.broker.national;
