/**
 * A simulated national OpenID provider (Bulgaria's MVR eID, North Macedonia's eid.mk): discovery,
 * JWKS, an authorization endpoint with a persona picker, a token endpoint checking client
 * authentication and PKCE, and userinfo; with deliberate faults on request.
 */
package eu.mostbridge.simulator.oidc;
