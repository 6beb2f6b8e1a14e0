package eu.mostbridge.trust.validation;

import eu.europa.esig.dss.validation.reports.Reports;
import eu.mostbridge.trust.lists.TrustSnapshot;
import java.time.Instant;

/**
 * DSS's reports of one validation, with the trust snapshot they were made under.
 *
 * @param reports DSS's diagnostic, simple, detailed and ETSI reports
 * @param snapshot the trusted lists in force when the validation started
 * @param validatedAt when
 */
public record ValidationOutcome(Reports reports, TrustSnapshot snapshot, Instant validatedAt) {}
