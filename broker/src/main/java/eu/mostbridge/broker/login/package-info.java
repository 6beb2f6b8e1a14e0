/**
 * The citizen's way through a login: choosing the national eID, the consent, and the return to the
 * relying party. Each step loads the login's state, checks it belongs to this browser and carries
 * its CSRF token, acts, and stores the next version.
 */
package eu.mostbridge.broker.login;
