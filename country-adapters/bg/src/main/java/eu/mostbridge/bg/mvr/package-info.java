/**
 * Bulgaria's Ministry of Interior centralised eID: a Keycloak-based OpenID provider whose claims
 * carry the citizen identifier (EGN or LNCh) and names in Latin and Cyrillic. See
 * docs/adapters/BG-MVR-EID.md.
 */
package eu.mostbridge.bg.mvr;
