/**
 * The citizen's pages of a login: choosing the national eID and the consent. Each step loads the
 * login through {@code flow.BrowserBoundLogins}, checks it belongs to this browser and carries its
 * CSRF token, acts, and stores the next version.
 */
package eu.mostbridge.broker.login;
