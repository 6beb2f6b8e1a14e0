/**
 * A simulator of Bulgaria's e-Authentication v2 (eAuth): a SAML 2.0 identity provider that accepts
 * only schema-valid, signed requests from registered service providers, lets a tester pick a
 * synthetic persona, and answers in eAuth's attribute profile, with its quirks (RSA-SHA1, plain
 * assertions as on the test system) and on request with deliberate faults.
 */
package eu.mostbridge.simulator.eauth;
