/**
 * Most as an OpenID Connect relying party of a national identity provider (Bulgaria's MVR eID,
 * North Macedonia's eid.mk): discovery, the authorization request with state, nonce and PKCE, the
 * code exchange, ID token validation against the provider's JWKS, and userinfo. Messages are built
 * and parsed with the Nimbus OAuth 2.0 SDK; signatures are checked with Nimbus JOSE+JWT.
 */
package eu.mostbridge.oidc;
