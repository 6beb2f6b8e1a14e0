package eu.mostbridge.saml.eidas;

import java.net.URI;
import java.util.Optional;

/**
 * An AuthnRequest refused, and how to tell its sender. Before the request is known to come from a
 * trusted connector (unreadable, unknown issuer, bad signature, a destination or ACS not its own, a
 * replay), nobody may be answered: the browser gets an error page. After, the connector gets a
 * signed SAML error Response at its metadata's ACS, with the status codes here.
 */
public final class AuthnRequestRefusal extends Exception {
  private static final long serialVersionUID = 1L;

  /** The top-level status codes of SAML 2.0 Core. */
  public static final String REQUESTER = "urn:oasis:names:tc:SAML:2.0:status:Requester";

  public static final String RESPONDER = "urn:oasis:names:tc:SAML:2.0:status:Responder";

  /** The second-level codes Most uses. */
  public static final String REQUEST_DENIED = "urn:oasis:names:tc:SAML:2.0:status:RequestDenied";

  public static final String REQUEST_UNSUPPORTED =
      "urn:oasis:names:tc:SAML:2.0:status:RequestUnsupported";
  public static final String NO_AUTHN_CONTEXT = "urn:oasis:names:tc:SAML:2.0:status:NoAuthnContext";
  public static final String INVALID_ATTRIBUTE =
      "urn:oasis:names:tc:SAML:2.0:status:InvalidAttrNameOrValue";
  public static final String INVALID_NAME_ID_POLICY =
      "urn:oasis:names:tc:SAML:2.0:status:InvalidNameIDPolicy";
  public static final String PROXY_COUNT_EXCEEDED =
      "urn:oasis:names:tc:SAML:2.0:status:ProxyCountExceeded";

  /** A short stable name of the rule broken, for audit events and metrics. */
  private final String rule;

  private final transient Optional<Answer> answer;

  /**
   * Where and how to answer a refused request that came from a trusted connector.
   *
   * @param requestId the request's ID
   * @param issuer the connector's entity ID
   * @param assertionConsumerService its metadata's ACS
   * @param relayState the relay state to return
   * @param status the top-level status code
   * @param subStatus the second-level status code, if any
   */
  public record Answer(
      String requestId,
      String issuer,
      URI assertionConsumerService,
      Optional<String> relayState,
      String status,
      Optional<String> subStatus) {}

  private AuthnRequestRefusal(String rule, String message, Optional<Answer> answer) {
    super(message);
    this.rule = rule;
    this.answer = answer;
  }

  /** A refusal answered with an error page only. */
  static AuthnRequestRefusal untrusted(String rule, String message) {
    return new AuthnRequestRefusal(rule, message, Optional.empty());
  }

  /** A message that cannot be read at all (for a binding's own checks). */
  public static AuthnRequestRefusal malformed(String message) {
    return untrusted("malformed", message);
  }

  /** A refusal answered to the connector. */
  static AuthnRequestRefusal answered(String rule, String message, Answer answer) {
    return new AuthnRequestRefusal(rule, message, Optional.of(answer));
  }

  public String rule() {
    return rule;
  }

  /** Where to send the signed error Response; empty when only a page may answer. */
  public Optional<Answer> answer() {
    return answer;
  }
}
