/**
 * One-time use of protocol identifiers: SAML request, response and assertion IDs, OIDC states. The
 * broker supplies a cluster-wide implementation (Infinispan); {@link
 * eu.mostbridge.replay.InMemoryReplayCache} serves tests and single-process tools.
 */
package eu.mostbridge.replay;
