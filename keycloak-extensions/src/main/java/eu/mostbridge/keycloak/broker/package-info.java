/** The "Cross-border eID (Most)" identity provider: Keycloak's OIDC brokering towards Most. */
package eu.mostbridge.keycloak.broker;
