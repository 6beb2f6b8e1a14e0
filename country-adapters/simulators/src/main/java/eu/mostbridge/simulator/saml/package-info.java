/**
 * The SAML identity-provider simulator: accepts only schema-valid requests signed by a registered
 * service provider, lets a tester pick a synthetic persona, answers with a signed (and optionally
 * encrypted) assertion in a national profile, and commits deliberate faults on request.
 */
package eu.mostbridge.simulator.saml;
