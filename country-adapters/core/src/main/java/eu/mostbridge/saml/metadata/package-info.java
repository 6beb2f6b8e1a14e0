/**
 * SAML metadata: Most's own service-provider metadata, signed, for identity providers that read it
 * (Bulgarian eAuth fetches it from the request's Issuer URL); and identity-provider metadata read
 * from a file or URL, checked (signature by the configured metadata key, validity) and refreshed.
 */
package eu.mostbridge.saml.metadata;
