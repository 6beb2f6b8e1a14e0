package eu.mostbridge.broker.flow;

/**
 * Why a login ended without an identity, in terms every front can answer in: OpenID Connect as its
 * error codes, another protocol as its own status codes.
 *
 * @param reason what happened
 * @param description for the relying party's logs: never personal data
 */
public record LoginRefusal(Reason reason, String description) {
  public enum Reason {
    /** The citizen cancelled on one of Most's pages. */
    CANCELLED("access_denied"),
    /** The citizen cancelled at the national eID. */
    CANCELLED_AT_NATIONAL_EID("access_denied"),
    /** The citizen did not consent to the release. */
    CONSENT_REFUSED("access_denied"),
    /** The national eID's answers to this login failed too often for it to go on. */
    ANSWERS_EXHAUSTED("access_denied"),
    /** The national eID cannot reach, or did not reach, the level asked for. */
    LEVEL_NOT_REACHED("unmet_authentication_requirements"),
    /**
     * The identity cannot be answered as the request asks: an attribute it requires is unknown, or
     * the requester gave no key to encrypt to (eIDAS).
     */
    CANNOT_ANSWER("access_denied");

    private final String outcome;

    Reason(String outcome) {
      this.outcome = outcome;
    }

    /**
     * OpenID Connect's error code for it: what an OpenID Connect client receives, and the outcome
     * audit events and metrics name whichever front asked, so dashboards count every front alike.
     */
    public String outcome() {
      return outcome;
    }
  }
}
