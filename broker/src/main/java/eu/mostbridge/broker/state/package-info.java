/** The broker's state in Infinispan: one-time identifiers now, flow state next (issue 4). */
package eu.mostbridge.broker.state;
