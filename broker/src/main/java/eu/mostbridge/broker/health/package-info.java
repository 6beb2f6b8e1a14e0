/** Health checks and the start-up check of production configuration. */
package eu.mostbridge.broker.health;
