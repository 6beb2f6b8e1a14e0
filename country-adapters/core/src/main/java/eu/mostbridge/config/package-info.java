/**
 * A national eID's configuration section, as its factory reads it: typed values with the key named
 * in every error, whatever source (properties, environment, a Kubernetes Secret) holds them.
 */
package eu.mostbridge.config;
