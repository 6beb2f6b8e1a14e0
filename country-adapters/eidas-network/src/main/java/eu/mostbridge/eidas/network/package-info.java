/**
 * Most as an eIDAS connector: citizens of other member states log in through their country's eIDAS
 * ProxyService, each configured country a {@link eu.mostbridge.adapter.CountryAdapter} of its own
 * ({@code <cc>-eidas}) on one connector identity ({@link EidasNetwork}). Requests follow the eIDAS
 * SAML Message Format v1.4 ({@link EidasRequests}); answers pass the generic SAML checks of {@link
 * eu.mostbridge.saml.SamlResponseValidator} and then the eIDAS ones the EU reference connector
 * makes ({@link EidasAnswers}).
 */
package eu.mostbridge.eidas.network;
