/**
 * Bulgaria's e-Authentication v2 (eAuth) for the SAML IdP simulator: its request extension and
 * attribute profile ({@link eu.mostbridge.simulator.eauth.EAuthProfile}); its quirks (RSA-SHA1,
 * plain assertions on the test system) are {@link eu.mostbridge.simulator.saml.SamlIdpSettings}.
 */
package eu.mostbridge.simulator.eauth;
