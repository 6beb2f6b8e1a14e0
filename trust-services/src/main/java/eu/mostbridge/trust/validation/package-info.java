/**
 * One validation: DSS under a trust snapshot, on a bounded pool with a time limit, and Most's
 * summary of its reports (the signer, the legal regime).
 */
package eu.mostbridge.trust.validation;
