/** The service's configuration, {@code most.trust.*}. */
package eu.mostbridge.trust.config;
