/**
 * The countries and national eIDs this build of Most knows ({@link
 * eu.mostbridge.broker.country.NationalEidRegistry}), at the bottom of the broker's packages:
 * clients, scopes, discovery and the choice page read it; the configured eIDs are built in {@code
 * national}.
 */
package eu.mostbridge.broker.country;
