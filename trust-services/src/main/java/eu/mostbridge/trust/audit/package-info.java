/** Audit events of the validation service. */
package eu.mostbridge.trust.audit;
