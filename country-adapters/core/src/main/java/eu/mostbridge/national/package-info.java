/**
 * The national eIDs a build of Most can offer, each one {@link
 * eu.mostbridge.national.NationalEidFactory} found through {@link java.util.ServiceLoader}: it
 * declares its id, country and display names, and builds its adapter from its own configuration
 * section. Adding a country is a module with its factory (docs/DEVELOPMENT.md).
 */
package eu.mostbridge.national;
