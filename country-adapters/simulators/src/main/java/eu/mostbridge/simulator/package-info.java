/**
 * Simulators of the national identity providers, for tests and the demo only. They speak the real
 * protocols with synthetic personas and share no code with the adapters they are tested against.
 */
package eu.mostbridge.simulator;
