/**
 * Logins in progress: the state one citizen's login carries from the authorization request through
 * the national eID and consent to the code, and the store it lives in.
 */
package eu.mostbridge.broker.flow;
