/** Tokens the broker issues to relying parties: the ID token and its subject identifiers. */
package eu.mostbridge.broker.token;
