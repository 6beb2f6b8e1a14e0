/**
 * Most's eIDAS face towards connectors, in eIDAS technical specifications v1.4 terms (SAML Message
 * Format, Attribute Profile, Cryptographic Requirements): the names and levels of the profile, the
 * signed metadata of a ProxyService-shaped identity provider per origin country, and the reading of
 * a connector's metadata. Plain Java over OpenSAML, so every rule is a fast unit test; the HTTP
 * endpoints are the broker's.
 */
package eu.mostbridge.saml.eidas;
