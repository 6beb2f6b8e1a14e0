package eu.mostbridge.trust.validation;

import eu.europa.esig.dss.enumerations.Level;
import eu.europa.esig.dss.model.policy.ValidationPolicy;
import eu.europa.esig.dss.policy.EtsiValidationPolicy;
import eu.europa.esig.dss.policy.ValidationPolicyFacade;
import eu.europa.esig.dss.policy.jaxb.BasicSignatureConstraints;
import eu.europa.esig.dss.policy.jaxb.ConstraintsParameters;
import eu.europa.esig.dss.policy.jaxb.LevelConstraint;
import java.io.InputStream;

/**
 * The validation policy: DSS's default ({@code policy/constraint.xml}), with one change. A PDF
 * changed after it was signed in a way PAdES does not foresee (DSS's "undefined changes": new page
 * content in a later revision, say), or whose pages look different when compared, fails instead of
 * passing with a warning: a clerk must never read "valid" over a text the signer did not sign.
 */
public final class ValidationPolicies {
  private ValidationPolicies() {}

  /** A new policy object (DSS's policy objects are not meant to be shared by threads). */
  public static ValidationPolicy strict() {
    try (InputStream in =
        ValidationPolicies.class.getClassLoader().getResourceAsStream("policy/constraint.xml")) {
      if (in == null) {
        throw new IllegalStateException("DSS's policy/constraint.xml is not on the class path");
      }
      ConstraintsParameters policy = ValidationPolicyFacade.newFacade().unmarshall(in);
      failOnChanges(policy.getSignatureConstraints().getBasicSignatureConstraints());
      failOnChanges(policy.getTimestamp().getBasicSignatureConstraints());
      return new EtsiValidationPolicy(policy);
    } catch (Exception e) {
      throw new IllegalStateException("DSS's default validation policy could not be read", e);
    }
  }

  private static void failOnChanges(BasicSignatureConstraints constraints) {
    constraints.setUndefinedChanges(fail());
    constraints.setPdfVisualDifference(fail());
  }

  private static LevelConstraint fail() {
    LevelConstraint constraint = new LevelConstraint();
    constraint.setLevel(Level.FAIL);
    return constraint;
  }
}
