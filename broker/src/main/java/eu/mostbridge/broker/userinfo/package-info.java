/** The userinfo endpoint. */
package eu.mostbridge.broker.userinfo;
