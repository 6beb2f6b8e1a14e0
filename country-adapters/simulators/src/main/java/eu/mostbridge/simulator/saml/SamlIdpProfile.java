package eu.mostbridge.simulator.saml;

import eu.mostbridge.simulator.Persona;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.w3c.dom.Element;

/** What makes a simulated SAML IdP a particular national one: levels, attributes, wording. */
public interface SamlIdpProfile {
  /** Whose personas it offers: {@code BG} or {@code MK}. */
  String country();

  /** The name on its pages. */
  String title();

  /** The level (low, substantial, high) a checked AuthnRequest asks for. */
  String requestedLevel(Element authnRequest) throws RequestRefused;

  /** The attributes (Name to single value) it sends about {@code persona}. */
  Map<String, String> attributes(Persona persona, Set<SamlMisbehaviour> faults);

  /** The AuthnContextClassRef it answers with, for the level reached. */
  String authnContextClassRef(String level);

  /** How it answers a citizen's cancel: SAML's {@code RequestDenied} unless it says otherwise. */
  default Cancel cancel() {
    return new Cancel("urn:oasis:names:tc:SAML:2.0:status:RequestDenied", Optional.empty());
  }

  /** The second-level status code and the status message of a cancel. */
  record Cancel(String status, Optional<String> message) {}

  /**
   * How long after its {@code IssueInstant} a request is accepted, and with what clock skew; empty
   * when not checked.
   */
  default Optional<RequestWindow> requestWindow() {
    return Optional.empty();
  }

  /** A request's lifetime after its IssueInstant, and the clock skew allowed either way. */
  record RequestWindow(java.time.Duration lifetime, java.time.Duration skew) {}

  /** The request signature algorithms it verifies; empty for every one the simulator knows. */
  default Set<String> requestSignatureAlgorithms() {
    return Set.of();
  }
}
