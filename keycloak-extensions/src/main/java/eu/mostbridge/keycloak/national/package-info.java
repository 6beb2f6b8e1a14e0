/**
 * The national eIDs as Keycloak identity providers of their own ("Bulgarian eAuth", "Bulgarian MVR
 * eID", "North Macedonian eid.mk"), without Most's broker in front: each built by the same country
 * adapter and factory the broker uses, configured from the provider's settings, its per-login state
 * in Keycloak's authentication session and its one-time uses in Keycloak's single-use store.
 */
package eu.mostbridge.keycloak.national;
