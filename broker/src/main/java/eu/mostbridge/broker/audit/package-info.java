/** Audit events: one JSON line per login step, without personal data. */
package eu.mostbridge.broker.audit;
