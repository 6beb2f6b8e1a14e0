/**
 * The broker's state in embedded Infinispan, behind the narrow interfaces of the packages that use
 * it: logins in progress, outstanding national requests, codes, access tokens, one-time
 * identifiers. Every entry expires by its own lifespan.
 */
package eu.mostbridge.broker.state;
