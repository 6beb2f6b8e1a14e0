/**
 * Cross-checks between what a national number encodes and what a national eID asserts. A mismatch
 * is always reported; what to do about it (refuse, by default) is the adapter's policy.
 */
package eu.mostbridge.identity.consistency;
