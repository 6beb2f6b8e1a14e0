/** Macedonian names in Latin script, by the official digraph romanization. */
package eu.mostbridge.mk.name;
