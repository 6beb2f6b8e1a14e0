/**
 * The broker's state in Infinispan, behind the narrow interfaces of the packages that use it
 * (logins in progress, outstanding national requests, pushed requests, codes, access tokens,
 * one-time identifiers), and the 503 every endpoint answers when it cannot be reached. Every entry
 * expires by its own lifespan.
 */
package eu.mostbridge.broker.state;
