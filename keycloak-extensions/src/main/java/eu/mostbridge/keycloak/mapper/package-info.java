/** Identity provider mappers for Most's common attribute set. */
package eu.mostbridge.keycloak.mapper;
