/** Protocol mappers that carry the cross-border identity into a realm's own tokens. */
package eu.mostbridge.keycloak.protocol;
