package eu.mostbridge.saml.eidas;

import eu.mostbridge.identity.CommonIdentity;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.PersonName;
import eu.mostbridge.saml.SamlMessages;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.xml.namespace.QName;
import org.opensaml.core.xml.schema.XSAny;
import org.opensaml.saml.saml2.core.Attribute;
import org.opensaml.saml.saml2.core.AttributeValue;

/**
 * A citizen's common identity as eIDAS natural-person attributes (SAML Attribute Profile v1.4):
 * each with its URI name, friendly name and the uri NameFormat, each value typed {@code
 * eidas-natural:<Name>Type}. Names transliterated to Latin carry the Latin value first and the
 * native one after it with {@code eidas-natural:LatinScript="false"} (namespace-qualified, as the
 * EU node writes it). Only the attributes asked for are written, and only those known.
 *
 * <p>CurrentAddress is not written: the national eIDs give an address as one formatted text, and
 * the profile asks for {@code CurrentAddressStructuredType}, whose parts Most would have to guess.
 * BirthName is the given names followed by the family name at birth.
 */
public final class EidasAttributes {
  private static final QName LATIN_SCRIPT =
      new QName(EidasNames.NATURAL_PERSON_NS, "LatinScript", EidasNames.NATURAL_PERSON_PREFIX);

  private EidasAttributes() {}

  /**
   * The attributes of {@code identity} among {@code asked}.
   *
   * @param personIdentifier the PersonIdentifier value as released to this connector ({@code
   *     MK/BG/…})
   */
  public static List<Attribute> of(
      CommonIdentity identity,
      String personIdentifier,
      Set<EidasNames.NaturalPersonAttribute> asked) {
    List<Attribute> attributes = new ArrayList<>();
    for (EidasNames.NaturalPersonAttribute attribute : EidasNames.NaturalPersonAttribute.values()) {
      if (!asked.contains(attribute)) {
        continue;
      }
      List<XSAny> values = values(attribute, identity, personIdentifier);
      if (values.isEmpty()) {
        continue;
      }
      Attribute element = SamlMessages.build(Attribute.DEFAULT_ELEMENT_NAME, Attribute.class);
      element.setName(attribute.uri());
      element.setFriendlyName(attribute.friendlyName());
      element.setNameFormat(EidasNames.URI_NAME_FORMAT);
      element.getAttributeValues().addAll(values);
      attributes.add(element);
    }
    return attributes;
  }

  /** The attributes {@code identity} has a value for. */
  public static Set<EidasNames.NaturalPersonAttribute> known(CommonIdentity identity) {
    Set<EidasNames.NaturalPersonAttribute> known =
        java.util.EnumSet.noneOf(EidasNames.NaturalPersonAttribute.class);
    for (EidasNames.NaturalPersonAttribute attribute : EidasNames.NaturalPersonAttribute.values()) {
      if (!values(attribute, identity, "-").isEmpty()) {
        known.add(attribute);
      }
    }
    return known;
  }

  private static List<XSAny> values(
      EidasNames.NaturalPersonAttribute attribute,
      CommonIdentity identity,
      String personIdentifier) {
    return switch (attribute) {
      case PERSON_IDENTIFIER -> List.of(value(attribute, personIdentifier));
      case CURRENT_FAMILY_NAME -> name(attribute, identity.familyName());
      case CURRENT_GIVEN_NAME -> name(attribute, identity.givenName());
      case DATE_OF_BIRTH -> List.of(value(attribute, identity.dateOfBirth().toString()));
      case BIRTH_NAME ->
          identity
              .birthFamilyName()
              .map(birth -> name(attribute, joined(identity.givenName(), birth)))
              .orElse(List.of());
      case PLACE_OF_BIRTH ->
          identity.placeOfBirth().map(place -> List.of(value(attribute, place))).orElse(List.of());
      case GENDER ->
          identity
              .gender()
              .map(gender -> List.of(value(attribute, gender.eidasValue())))
              .orElse(List.of());
      case NATIONALITY ->
          identity.nationalities().stream()
              .map(CountryCode::alpha2)
              .sorted()
              .map(country -> value(attribute, country))
              .toList();
    };
  }

  /** The Latin value, then the native one marked {@code LatinScript="false"} if it differs. */
  private static List<XSAny> name(EidasNames.NaturalPersonAttribute attribute, PersonName name) {
    List<XSAny> values = new ArrayList<>();
    values.add(value(attribute, name.latin()));
    Optional<String> nativeForm = name.nativeForm().filter(n -> !n.equals(name.latin()));
    nativeForm.ifPresent(
        n -> {
          XSAny value = value(attribute, n);
          value.getUnknownAttributes().put(LATIN_SCRIPT, "false");
          values.add(value);
        });
    return values;
  }

  private static PersonName joined(PersonName given, PersonName family) {
    String latin = given.latin() + " " + family.latin();
    if (given.nativeForm().isPresent() && family.nativeForm().isPresent()) {
      return PersonName.of(
          latin,
          given.nativeForm().get() + " " + family.nativeForm().get(),
          family.nativeScript().orElseThrow());
    }
    return PersonName.latinOnly(latin);
  }

  private static XSAny value(EidasNames.NaturalPersonAttribute attribute, String text) {
    XSAny value =
        SamlMessages.buildAny(
            AttributeValue.DEFAULT_ELEMENT_NAME,
            new QName(
                EidasNames.NATURAL_PERSON_NS,
                attribute.friendlyName() + "Type",
                EidasNames.NATURAL_PERSON_PREFIX));
    value.setTextContent(text);
    return value;
  }
}
