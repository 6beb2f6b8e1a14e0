package eu.mostbridge.simulator.eauth;

import eu.mostbridge.simulator.Persona;
import eu.mostbridge.simulator.saml.RequestRefused;
import eu.mostbridge.simulator.saml.SamlIdpProfile;
import eu.mostbridge.simulator.saml.SamlMisbehaviour;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Bulgarian eAuth v2: the level comes from {@code egovbga:RequestedService/LevelOfAssurance}, read
 * as the real IdP reads it ({@code LevelOfAssurance.valueOf}: {@code LOW}, {@code SUBSTANTIAL},
 * {@code HIGH}; the URN form its XSD lists is refused, as it throws there), attributes are {@code
 * urn:egov:bg:eauth:2.0:attributes:*}, the AuthnContextClassRef is always {@code Password} (the
 * level is not in the answer), and a cancel is {@code Responder/AuthnFailed} with eAuth's Bulgarian
 * message (eAuth-v2: {@code CancelAuthProcessingFilter}, {@code
 * SAMLMessageHandler.sendCancelAuthnResponse}).
 */
public final class EAuthProfile implements SamlIdpProfile {
  private static final String EXT = "urn:bg:egov:eauth:2.0:saml:ext";
  private static final String ATTR = "urn:egov:bg:eauth:2.0:attributes:";

  @Override
  public String country() {
    return "BG";
  }

  @Override
  public String title() {
    return "eAuth simulator";
  }

  @Override
  public String requestedLevel(Element authnRequest) throws RequestRefused {
    NodeList levels = authnRequest.getElementsByTagNameNS(EXT, "LevelOfAssurance");
    if (levels.getLength() != 1) {
      throw new RequestRefused("The request names no single RequestedService level of assurance");
    }
    String text = levels.item(0).getTextContent().strip();
    if (!text.matches("LOW|SUBSTANTIAL|HIGH")) {
      throw new RequestRefused(
          "LevelOfAssurance must be LOW, SUBSTANTIAL or HIGH (eAuth reads it with valueOf)");
    }
    return text.toLowerCase(Locale.ROOT);
  }

  /**
   * eAuth accepts a request 20 s after its IssueInstant, with 10 s of skew (SAMLMessageHandler).
   */
  @Override
  public Optional<RequestWindow> requestWindow() {
    return Optional.of(new RequestWindow(Duration.ofSeconds(20), Duration.ofSeconds(10)));
  }

  /**
   * RSA-SHA256, the one algorithm eAuth's metadata advertises, and RSA-SHA1, which its OpenSAML
   * verifies too; not RSA-PSS, which its Java 8 without BouncyCastle does not.
   */
  @Override
  public Set<String> requestSignatureAlgorithms() {
    return Set.of(
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
        "http://www.w3.org/2000/09/xmldsig#rsa-sha1");
  }

  @Override
  public Cancel cancel() {
    return new Cancel(
        "urn:oasis:names:tc:SAML:2.0:status:AuthnFailed", Optional.of(CANCEL_MESSAGE));
  }

  /** What eAuth's message key {@code egov.eauth.sys.mgs.auth.cancel} says. */
  public static final String CANCEL_MESSAGE = "Отказ от автентикация";

  @Override
  public Map<String, String> attributes(Persona persona, Set<SamlMisbehaviour> faults) {
    Map<String, String> attributes = new LinkedHashMap<>();
    // eAuth writes any number without a prefix of its own as PNOBG-, an LNCh too (eAuth-v2
    // UserService).
    attributes.put(ATTR + "personIdentifier", "PNOBG-" + persona.identifier());
    if (!faults.contains(SamlMisbehaviour.MISSING_ATTRIBUTE)) {
      attributes.put(ATTR + "personName", personName(persona));
    }
    if (persona.latinName() != null) {
      attributes.put(ATTR + "latinName", persona.latinName());
    }
    if (persona.birthFamilyName() != null) {
      attributes.put(ATTR + "birthName", persona.birthFamilyName());
    }
    attributes.put(ATTR + "dateOfBirth", persona.dateOfBirth().toString());
    attributes.put(ATTR + "gender", persona.gender());
    if (persona.placeOfBirth() != null) {
      attributes.put(ATTR + "placeOfBirth", persona.placeOfBirth());
    }
    if (persona.address() != null) {
      attributes.put(ATTR + "canonicalResidenceAddress", persona.address());
    }
    if (persona.email() != null) {
      attributes.put(ATTR + "email", persona.email());
    }
    if (persona.phone() != null) {
      attributes.put(ATTR + "phone", persona.phone());
    }
    return attributes;
  }

  /**
   * What eAuth puts in {@code personName}: the registered name for the eID card, the revenue
   * agency's placeholder for a PIK login (eAuth-v2 {@code application.yaml}), a qualified
   * certificate's CN, in Latin letters, for a certificate login ({@code KepProcessingFilter}).
   */
  private static String personName(Persona persona) {
    if ("nap-pik".equals(persona.loginMethod())) {
      return NAP_PIK_PLACEHOLDER;
    }
    if ("certificate".equals(persona.loginMethod()) && persona.latinName() != null) {
      return persona.latinName();
    }
    return persona.fullName();
  }

  /** eAuth's {@code personName} for a login with the revenue agency's PIK. */
  public static final String NAP_PIK_PLACEHOLDER = "Потребител идентифициран с ПИК на НАП";

  @Override
  public String authnContextClassRef(String level) {
    return "urn:oasis:names:tc:SAML:2.0:ac:classes:Password";
  }
}
