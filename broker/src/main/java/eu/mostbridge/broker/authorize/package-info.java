/**
 * The OpenID Connect front's authorization side: parsing a relying party's authorization request
 * and validating it by named rules, before any state is created, and ending its logins ({@code
 * OidcChannelEnd}: the code, or the error). Errors that cannot safely be sent back (unknown client,
 * unregistered redirect URI) are shown to the citizen; all others go back to the relying party with
 * {@code error}, {@code state} and {@code iss}.
 */
package eu.mostbridge.broker.authorize;
