/** RP-initiated logout. */
package eu.mostbridge.broker.logout;
