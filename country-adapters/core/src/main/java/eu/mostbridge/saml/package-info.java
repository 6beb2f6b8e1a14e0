/**
 * Most's SAML 2.0 service provider, on OpenSAML 4: building and signing authentication requests,
 * the HTTP-Redirect and HTTP-POST bindings (written here, because OpenSAML's servlet codecs do not
 * run under Jakarta), hardened parsing, and the complete validation of a response from one
 * configured identity provider.
 */
package eu.mostbridge.saml;
