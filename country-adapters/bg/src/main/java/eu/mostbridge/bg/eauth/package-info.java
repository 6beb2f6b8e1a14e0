/**
 * Bulgaria's e-Authentication v2 ("eAuth", Ministry of e-Government): a SAML 2.0 identity provider
 * with its own request extension ({@code egovbga:RequestedService}) and attribute profile ({@code
 * urn:egov:bg:eauth:2.0:attributes:*}). See docs/adapters/BG-EAUTH.md.
 */
package eu.mostbridge.bg.eauth;
