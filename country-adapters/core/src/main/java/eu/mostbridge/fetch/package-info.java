/** Bounded fetching of documents peers publish (metadata, discovery). */
package eu.mostbridge.fetch;
