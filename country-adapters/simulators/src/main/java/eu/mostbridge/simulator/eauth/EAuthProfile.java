package eu.mostbridge.simulator.eauth;

import eu.mostbridge.simulator.Persona;
import eu.mostbridge.simulator.saml.RequestRefused;
import eu.mostbridge.simulator.saml.SamlIdpProfile;
import eu.mostbridge.simulator.saml.SamlMisbehaviour;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Bulgarian eAuth v2: the level comes from {@code egovbga:RequestedService/LevelOfAssurance}
 * ({@code SUBSTANTIAL} or the URN form), attributes are {@code urn:egov:bg:eauth:2.0:attributes:*},
 * and the AuthnContextClassRef is always {@code Password} (the level is not in the answer).
 */
public final class EAuthProfile implements SamlIdpProfile {
  private static final String EXT = "urn:bg:egov:eauth:2.0:saml:ext";
  private static final String LOA_URN = "urn:egov:bg:eauth:2.0:levelofassurance:";
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
    return text.startsWith(LOA_URN)
        ? text.substring(LOA_URN.length())
        : text.toLowerCase(Locale.ROOT);
  }

  @Override
  public Map<String, String> attributes(Persona persona, Set<SamlMisbehaviour> faults) {
    Map<String, String> attributes = new LinkedHashMap<>();
    // eAuth writes an EGN in the ETSI form; how it writes an LNCh is not public, so no LNCh
    // persona.
    attributes.put(ATTR + "personIdentifier", "PNOBG-" + persona.identifier());
    if (!faults.contains(SamlMisbehaviour.MISSING_ATTRIBUTE)) {
      attributes.put(ATTR + "personName", persona.fullName());
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

  @Override
  public String authnContextClassRef(String level) {
    return "urn:oasis:names:tc:SAML:2.0:ac:classes:Password";
  }
}
