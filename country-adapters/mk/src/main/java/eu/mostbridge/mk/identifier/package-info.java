/** North Macedonia's national identity number, the EMBG (ЕМБГ). */
package eu.mostbridge.mk.identifier;
