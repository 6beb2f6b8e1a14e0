/** The simulators' HTTP plumbing on the JDK's built-in server: forms, pages, routing. */
package eu.mostbridge.simulator.http;
