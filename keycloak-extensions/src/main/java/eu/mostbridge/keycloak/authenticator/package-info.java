/** Authenticators for flows that use Most. */
package eu.mostbridge.keycloak.authenticator;
