/**
 * A simulator of North Macedonia's eid.mk over SAML, speaking Most's assumed eIDAS-style profile.
 */
package eu.mostbridge.simulator.eidmk;
