package eu.mostbridge.simulator.eidmk;

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
 * eid.mk over SAML as Most assumes it (no public profile exists): the eIDAS natural-person
 * attributes, the level asked in RequestedAuthnContext and answered in AuthnContextClassRef as the
 * eIDAS level URIs.
 */
public final class EidMkSamlProfile implements SamlIdpProfile {
  private static final String SAML = "urn:oasis:names:tc:SAML:2.0:assertion";
  private static final String LOA = "http://eidas.europa.eu/LoA/";
  private static final String ATTR = "http://eidas.europa.eu/attributes/naturalperson/";

  private final String destinationCountry;

  /**
   * @param destinationCountry the country written as the destination of the eIDAS person identifier
   *     ({@code MK/<destination>/<EMBG>})
   */
  public EidMkSamlProfile(String destinationCountry) {
    this.destinationCountry = destinationCountry;
  }

  @Override
  public String country() {
    return "MK";
  }

  @Override
  public String title() {
    return "eid.mk simulator (SAML)";
  }

  @Override
  public String requestedLevel(Element authnRequest) throws RequestRefused {
    NodeList refs = authnRequest.getElementsByTagNameNS(SAML, "AuthnContextClassRef");
    if (refs.getLength() == 0) {
      return "low";
    }
    String uri = refs.item(0).getTextContent().strip();
    if (!uri.startsWith(LOA)) {
      throw new RequestRefused("Unknown level of assurance requested");
    }
    return uri.substring(LOA.length()).toLowerCase(Locale.ROOT);
  }

  @Override
  public Map<String, String> attributes(Persona persona, Set<SamlMisbehaviour> faults) {
    Map<String, String> attributes = new LinkedHashMap<>();
    if (!faults.contains(SamlMisbehaviour.MISSING_ATTRIBUTE)) {
      attributes.put(
          ATTR + "PersonIdentifier", "MK/" + destinationCountry + "/" + persona.identifier());
    }
    attributes.put(ATTR + "CurrentGivenName", persona.givenName());
    attributes.put(ATTR + "CurrentFamilyName", persona.familyName());
    attributes.put(ATTR + "DateOfBirth", persona.dateOfBirth().toString());
    attributes.put(ATTR + "Gender", persona.gender().equals("male") ? "Male" : "Female");
    return attributes;
  }

  @Override
  public String authnContextClassRef(String level) {
    return LOA + level;
  }
}
