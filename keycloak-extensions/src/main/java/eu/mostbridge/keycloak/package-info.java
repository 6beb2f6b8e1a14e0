/**
 * Keycloak extensions that let a realm accept Bulgarian and Macedonian citizens through Most: an
 * identity provider, identity provider mappers, a first-login authenticator and a protocol mapper.
 */
package eu.mostbridge.keycloak;
