package eu.mostbridge.eidas.network;

import eu.mostbridge.adapter.AuthenticationFailure;
import eu.mostbridge.adapter.AuthenticationFailure.Reason;
import eu.mostbridge.identity.CommonIdentity;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.ErrorText;
import eu.mostbridge.identity.Gender;
import eu.mostbridge.identity.InvalidIdentifierException;
import eu.mostbridge.identity.LevelOfAssurance;
import eu.mostbridge.identity.PersonIdentifier;
import eu.mostbridge.identity.PersonName;
import eu.mostbridge.identity.ScriptTag;
import eu.mostbridge.saml.ValidatedAssertion;
import eu.mostbridge.saml.eidas.EidasLevel;
import eu.mostbridge.saml.eidas.EidasNames.NaturalPersonAttribute;
import eu.mostbridge.saml.eidas.ProxyServicePeer;
import java.lang.Character.UnicodeScript;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks the EU reference connector makes of a ProxyService's answer once its SAML envelope is
 * trusted (signature, issuer, destination, audience, time, replay: {@link
 * eu.mostbridge.saml.SamlResponseValidator}), and the mapping of what passes to a {@link
 * CommonIdentity}:
 *
 * <ul>
 *   <li>a signed Response (an assertion signed alone is not enough);
 *   <li>NameID Format persistent, transient or unspecified, where stated;
 *   <li>one level, published by the ProxyService, of the family asked for (notified or not) and at
 *       least the one asked for;
 *   <li>the minimum data set present; PersonIdentifier {@code ^[A-Z]{2}/[A-Z]{2}/.+$} whose origin
 *       is the country asked for and whose destination is Most's connector country; DateOfBirth an
 *       {@code xsd:date}; Gender one of the profile's three values;
 *   <li>transliterated names: the value without {@code LatinScript="false"} is the Latin form, the
 *       one with it the native form (qualified or not).
 * </ul>
 *
 * <p>The identifier of another member state is opaque: no national-number check, never parsed for a
 * birth date. Every refusal names the attribute, never its value.
 */
final class EidasAnswers {
  /** What Most asks every ProxyService for: the minimum data set and the optional ones it maps. */
  static final List<NaturalPersonAttribute> REQUESTED =
      List.of(
          NaturalPersonAttribute.PERSON_IDENTIFIER,
          NaturalPersonAttribute.CURRENT_FAMILY_NAME,
          NaturalPersonAttribute.CURRENT_GIVEN_NAME,
          NaturalPersonAttribute.DATE_OF_BIRTH,
          NaturalPersonAttribute.BIRTH_NAME,
          NaturalPersonAttribute.PLACE_OF_BIRTH,
          NaturalPersonAttribute.GENDER);

  private static final Pattern PERSON_IDENTIFIER = Pattern.compile("^[A-Z]{2}/[A-Z]{2}/.+$");
  private static final Set<String> NAME_ID_FORMATS =
      Set.of(
          "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
          "urn:oasis:names:tc:SAML:2.0:nameid-format:transient",
          "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified");
  private static final DateTimeFormatter XSD_DATE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT);

  /** The language whose script a native name of a member state is written in. */
  private static final Map<String, String> NATIVE_LANGUAGE =
      Map.of("EL", "el", "CY", "el", "BG", "bg", "MK", "mk");

  private EidasAnswers() {}

  /** The level reached, after the level rules above. */
  static EidasLevel level(
      ValidatedAssertion assertion, ProxyServicePeer peer, EidasLevel asked, LevelOfAssurance min)
      throws AuthenticationFailure {
    if (!assertion.responseSigned()) {
      throw new AuthenticationFailure(
          Reason.BAD_SIGNATURE, "The Response is not signed, as the eIDAS profile requires");
    }
    Optional<String> format = assertion.nameIdFormat();
    if (format.isPresent() && !NAME_ID_FORMATS.contains(format.get())) {
      throw new AuthenticationFailure(
          Reason.MALFORMED_ANSWER,
          "The NameID Format " + ErrorText.quote(format.get()) + " is not one eIDAS allows");
    }
    if (assertion.authnContextClassRefs().size() != 1) {
      throw new AuthenticationFailure(
          Reason.MALFORMED_ANSWER, "The assertion must state exactly one level of assurance");
    }
    String uri = assertion.authnContextClassRefs().get(0);
    EidasLevel reached =
        EidasLevel.parse(uri)
            .orElseThrow(
                () ->
                    new AuthenticationFailure(
                        Reason.LEVEL_TOO_LOW,
                        "The level " + ErrorText.quote(uri) + " is not an eIDAS level"));
    if (!peer.levels().contains(reached)) {
      throw new AuthenticationFailure(
          Reason.LEVEL_TOO_LOW,
          "The level " + reached + " is not one the ProxyService publishes " + peer.levels());
    }
    if (reached.notified() != asked.notified()) {
      throw new AuthenticationFailure(
          Reason.LEVEL_TOO_LOW,
          "The level " + reached + " is not of the family asked for (" + asked + ")");
    }
    if (!asked.notified() && reached.level() != asked.level()) {
      // A NotNotified level is asked "exact": another one, higher or not, is not what was asked.
      throw new AuthenticationFailure(
          Reason.LEVEL_TOO_LOW,
          "The ProxyService reached " + reached + ", not exactly the " + asked + " asked for");
    }
    if (!reached.level().satisfies(min) || !reached.level().satisfies(asked.level())) {
      throw new AuthenticationFailure(
          Reason.LEVEL_TOO_LOW,
          "The ProxyService reached " + reached.level() + ", below the minimum " + asked.level());
    }
    return reached;
  }

  /** The identity the assertion states, after the attribute rules above. */
  static CommonIdentity identity(
      ValidatedAssertion assertion,
      CountryCode origin,
      CountryCode connectorCountry,
      LevelOfAssurance level)
      throws AuthenticationFailure {
    String identifier = required(assertion, NaturalPersonAttribute.PERSON_IDENTIFIER).strip();
    if (!PERSON_IDENTIFIER.matcher(identifier).matches()) {
      throw invalid("The PersonIdentifier is not of the form XX/YY/identifier");
    }
    PersonIdentifier personIdentifier;
    try {
      personIdentifier = PersonIdentifier.parse(identifier);
    } catch (InvalidIdentifierException e) {
      throw invalid("The PersonIdentifier is not acceptable: " + e.getMessage());
    }
    if (!personIdentifier.origin().equals(origin)) {
      throw invalid(
          "The PersonIdentifier names the origin "
              + personIdentifier.origin()
              + ", not the country asked for, "
              + origin);
    }
    if (!personIdentifier.destination().equals(connectorCountry)) {
      throw invalid(
          "The PersonIdentifier is made for "
              + personIdentifier.destination()
              + ", not for Most's connector country "
              + connectorCountry);
    }
    LocalDate birth;
    try {
      birth =
          LocalDate.parse(
              required(assertion, NaturalPersonAttribute.DATE_OF_BIRTH).strip(), XSD_DATE);
    } catch (DateTimeParseException e) {
      throw invalid("The DateOfBirth is not an xsd:date (YYYY-MM-DD)");
    }
    CommonIdentity.Builder builder =
        CommonIdentity.builder()
            .personIdentifier(personIdentifier)
            .originCountry(origin)
            .familyName(name(assertion, NaturalPersonAttribute.CURRENT_FAMILY_NAME, origin, true))
            .givenName(name(assertion, NaturalPersonAttribute.CURRENT_GIVEN_NAME, origin, true))
            .dateOfBirth(birth)
            .levelOfAssurance(level)
            .authenticationInstant(assertion.authenticationInstant());
    PersonName birthName = name(assertion, NaturalPersonAttribute.BIRTH_NAME, origin, false);
    if (birthName != null) {
      builder.birthFamilyName(birthName);
    }
    Optional<String> gender =
        assertion.single(NaturalPersonAttribute.GENDER.uri()).map(String::strip);
    if (gender.isPresent()) {
      builder.gender(gender(gender.get()));
    }
    Optional<String> place =
        assertion
            .single(NaturalPersonAttribute.PLACE_OF_BIRTH.uri())
            .map(String::strip)
            .filter(p -> !p.isEmpty());
    if (place.isPresent()) {
      if (place.get().length() > PersonName.MAX_LENGTH) {
        throw invalid("The PlaceOfBirth is longer than " + PersonName.MAX_LENGTH + " characters");
      }
      builder.placeOfBirth(place.get());
    }
    try {
      return builder.build();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw invalid("The identity is not acceptable: " + e.getMessage());
    }
  }

  private static Gender gender(String value) throws AuthenticationFailure {
    for (Gender gender : Gender.values()) {
      if (gender.eidasValue().equals(value)) {
        return gender;
      }
    }
    throw invalid("The Gender is not Male, Female or Unspecified");
  }

  private static String required(ValidatedAssertion assertion, NaturalPersonAttribute attribute)
      throws AuthenticationFailure {
    return assertion
        .single(attribute.uri())
        .filter(v -> !v.isBlank())
        .orElseThrow(
            () ->
                invalid(
                    "The mandatory attribute "
                        + attribute.friendlyName()
                        + " is missing or empty"));
  }

  /**
   * The name {@code attribute} states: its Latin value and, if one is marked {@code
   * LatinScript="false"}, its native value; {@code null} when an optional one is absent.
   */
  private static PersonName name(
      ValidatedAssertion assertion,
      NaturalPersonAttribute attribute,
      CountryCode origin,
      boolean required)
      throws AuthenticationFailure {
    List<String> values = assertion.attributes().getOrDefault(attribute.uri(), List.of());
    Set<Integer> nonLatin = assertion.nonLatinValues().getOrDefault(attribute.uri(), Set.of());
    String latin = null;
    String nativeForm = null;
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i).strip();
      if (nonLatin.contains(i)) {
        if (nativeForm != null) {
          throw invalid("The " + attribute.friendlyName() + " has two native-script values");
        }
        nativeForm = value;
      } else {
        if (latin != null) {
          throw invalid("The " + attribute.friendlyName() + " has two Latin-script values");
        }
        latin = value;
      }
    }
    if (latin == null || latin.isEmpty()) {
      if (required || nativeForm != null) {
        throw invalid(
            "The "
                + attribute.friendlyName()
                + (nativeForm == null
                    ? " is missing"
                    : " has no Latin-script value beside its native one"));
      }
      return null;
    }
    try {
      if (nativeForm == null || nativeForm.isEmpty()) {
        return PersonName.latinOnly(latin);
      }
      Optional<ScriptTag> script = scriptOf(nativeForm, origin);
      return script.isPresent()
          ? PersonName.of(latin, nativeForm, script.get())
          : PersonName.latinOnly(latin);
    } catch (IllegalArgumentException e) {
      throw invalid("The " + attribute.friendlyName() + " is not acceptable: " + e.getMessage());
    }
  }

  /**
   * The script tag of a native name: the script of its letters, in the language of the origin
   * country where Most knows it; empty (the name is kept in Latin only) for a script or country it
   * cannot tag.
   */
  private static Optional<ScriptTag> scriptOf(String nativeForm, CountryCode origin) {
    UnicodeScript script =
        nativeForm
            .codePoints()
            .filter(Character::isLetter)
            .mapToObj(UnicodeScript::of)
            .findFirst()
            .orElse(UnicodeScript.COMMON);
    String language = NATIVE_LANGUAGE.get(origin.alpha2());
    if (language == null) {
      return Optional.empty();
    }
    return switch (script) {
      case GREEK -> Optional.of(new ScriptTag(language, "Grek", UnicodeScript.GREEK));
      case CYRILLIC -> Optional.of(new ScriptTag(language, "Cyrl", UnicodeScript.CYRILLIC));
      default -> Optional.empty();
    };
  }

  private static AuthenticationFailure invalid(String message) {
    return new AuthenticationFailure(Reason.INVALID_IDENTITY, message);
  }
}
