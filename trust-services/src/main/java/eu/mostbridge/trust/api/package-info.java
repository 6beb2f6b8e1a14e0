/** The programs' API, {@code POST /validation/v1}. */
package eu.mostbridge.trust.api;
