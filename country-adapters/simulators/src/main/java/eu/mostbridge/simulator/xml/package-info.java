/**
 * The simulators' own XML handling: parsing, XML Signature with the JDK's {@code
 * javax.xml.crypto.dsig}, and XML Encryption with plain JCA. Deliberately independent of OpenSAML,
 * which the adapters use.
 */
package eu.mostbridge.simulator.xml;
