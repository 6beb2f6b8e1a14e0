/**
 * The eIDAS connectors Most trusts, each through its checked and refreshed metadata, and the eIDAS
 * configuration ({@code most.eidas.*}) they and the eIDAS front share. Below {@code flow} and
 * {@code state}: a login keeps its connector, and the stored form names it by id.
 */
package eu.mostbridge.broker.connector;
