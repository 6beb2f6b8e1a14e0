package eu.mostbridge.saml.eidas;

import eu.mostbridge.identity.CommonIdentity;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.PersonName;
import eu.mostbridge.saml.SamlMessages;
import java.util.ArrayList;
import java.util.List;
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
      List<Text> values = texts(attribute, identity, personIdentifier);
      if (values.isEmpty()) {
        continue;
      }
      Attribute element = SamlMessages.build(Attribute.DEFAULT_ELEMENT_NAME, Attribute.class);
      element.setName(attribute.uri());
      element.setFriendlyName(attribute.friendlyName());
      element.setNameFormat(EidasNames.URI_NAME_FORMAT);
      values.forEach(text -> element.getAttributeValues().add(value(attribute, text)));
      attributes.add(element);
    }
    return attributes;
  }

  /** The attributes {@code identity} has a value for. */
  public static Set<EidasNames.NaturalPersonAttribute> known(CommonIdentity identity) {
    Set<EidasNames.NaturalPersonAttribute> known =
        java.util.EnumSet.noneOf(EidasNames.NaturalPersonAttribute.class);
    for (EidasNames.NaturalPersonAttribute attribute : EidasNames.NaturalPersonAttribute.values()) {
      if (!texts(attribute, identity, "-").isEmpty()) {
        known.add(attribute);
      }
    }
    return known;
  }

  /** One value as written: its text, and whether it is in Latin script. */
  private record Text(String text, boolean latin) {
    static List<Text> latin(String text) {
      return List.of(new Text(text, true));
    }
  }

  private static List<Text> texts(
      EidasNames.NaturalPersonAttribute attribute,
      CommonIdentity identity,
      String personIdentifier) {
    return switch (attribute) {
      case PERSON_IDENTIFIER -> Text.latin(personIdentifier);
      case CURRENT_FAMILY_NAME -> name(identity.familyName());
      case CURRENT_GIVEN_NAME -> name(identity.givenName());
      case DATE_OF_BIRTH -> Text.latin(identity.dateOfBirth().toString());
      case BIRTH_NAME ->
          identity
              .birthFamilyName()
              .map(birth -> joined(identity.givenName(), birth))
              .orElse(List.of());
      case PLACE_OF_BIRTH -> identity.placeOfBirth().map(Text::latin).orElse(List.of());
      case GENDER ->
          identity.gender().map(gender -> Text.latin(gender.eidasValue())).orElse(List.of());
      case NATIONALITY ->
          identity.nationalities().stream()
              .map(CountryCode::alpha2)
              .sorted()
              .map(country -> new Text(country, true))
              .toList();
    };
  }

  /** The Latin value, then the native one if it differs. */
  private static List<Text> name(PersonName name) {
    List<Text> values = new ArrayList<>();
    values.add(new Text(name.latin(), true));
    name.nativeForm()
        .filter(n -> !n.equals(name.latin()))
        .ifPresent(n -> values.add(new Text(n, false)));
    return values;
  }

  /**
   * Given names and the family name at birth, each form joined: plain text, not a {@link
   * PersonName}, whose length bound two names together may pass.
   */
  private static List<Text> joined(PersonName given, PersonName family) {
    List<Text> values = new ArrayList<>();
    values.add(new Text(given.latin() + " " + family.latin(), true));
    if (given.nativeForm().isPresent() && family.nativeForm().isPresent()) {
      values.add(new Text(given.nativeForm().get() + " " + family.nativeForm().get(), false));
    }
    return values;
  }

  private static XSAny value(EidasNames.NaturalPersonAttribute attribute, Text text) {
    XSAny value =
        SamlMessages.buildAny(
            AttributeValue.DEFAULT_ELEMENT_NAME,
            new QName(
                EidasNames.NATURAL_PERSON_NS,
                attribute.friendlyName() + "Type",
                EidasNames.NATURAL_PERSON_PREFIX));
    value.setTextContent(text.text());
    if (!text.latin()) {
      value.getUnknownAttributes().put(LATIN_SCRIPT, "false");
    }
    return value;
  }
}
