/** Readiness: the trusted lists read. */
package eu.mostbridge.trust.health;
