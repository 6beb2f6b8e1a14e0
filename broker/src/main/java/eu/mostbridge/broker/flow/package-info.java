/**
 * Logins in progress, and what every front and step shares of them: the validated request that
 * started a login and the state it carries through the national eID and consent to the code; the
 * store interfaces it lives behind (logins, pushed requests) and their unavailability; the steps'
 * common work ({@code BrowserBoundLogins}: load a login of this browser; {@code LoginProgress}:
 * move it a step on, end it; {@code LoginErrors}: its error pages and its end with an error) and
 * the return to the relying party. Below the fronts and the national eIDs, above web, client and
 * token; {@code state} implements the stores.
 */
package eu.mostbridge.broker.flow;
