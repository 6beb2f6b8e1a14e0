/**
 * A simulated eIDAS connector: the service provider of a member state's eIDAS node, as it faces
 * Most's ProxyService-shaped identity providers. It publishes signed connector metadata, reads and
 * checks Most's metadata, and (next) sends eIDAS AuthnRequests and validates the answers, all with
 * the JDK's XML Signature API and JCA, sharing no code with what it tests.
 */
package eu.mostbridge.simulator.eidas;
