/**
 * Logins in progress, and what every front and step shares of them, whichever protocol asked: the
 * login's request (what it must achieve) and return channel (how its answer goes back, ended by the
 * front's {@code ChannelEnd}), the state it carries through the national eID and consent; the store
 * interfaces it lives behind (logins, pushed requests) and their unavailability; the steps' common
 * work ({@code BrowserBoundLogins}: load a login of this browser; {@code LoginProgress}: move it a
 * step on, end it; {@code LoginErrors}: its error pages and its end with a refusal). Below the
 * fronts and the national eIDs, above web, client and token; {@code state} implements the stores.
 */
package eu.mostbridge.broker.flow;
