package eu.mostbridge.keycloak.national;

import eu.mostbridge.identity.LevelOfAssuranceNotation;
import eu.mostbridge.mk.identifier.RegionPolicy;
import eu.mostbridge.mk.name.MacedonianRomanization;
import eu.mostbridge.oidc.TokenShape;
import eu.mostbridge.saml.AlgorithmPolicy;
import eu.mostbridge.saml.SamlBinding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * The settings each national eID provider shows in the admin console, under the keys its factory in
 * Most reads. Each is labelled {@code most-<key>} with the help text {@code most-<key>.tooltip} in
 * the extension's messages (bg, mk, en); a key inside a child section ({@code saml.idp-sso-url})
 * shares the label of its own name.
 */
final class Settings {
  private final String prefix;
  private final List<ProviderConfigProperty> properties = new ArrayList<>();

  private Settings(String prefix) {
    this.prefix = prefix;
  }

  /** Settings at the top of the provider's configuration. */
  static Settings top() {
    return new Settings("");
  }

  /** Settings of the child section {@code name} ({@code saml}, {@code oidc}, {@code profile}). */
  static Settings in(String name) {
    return new Settings(name + ".");
  }

  List<ProviderConfigProperty> build() {
    return List.copyOf(properties);
  }

  Settings text(String key) {
    return add(key, key, ProviderConfigProperty.STRING_TYPE, null, List.of(), false);
  }

  Settings text(String key, String defaultValue) {
    return add(key, key, ProviderConfigProperty.STRING_TYPE, defaultValue, List.of(), false);
  }

  /** A setting whose help text is shared by its kind ({@code most-claim-name.tooltip}). */
  Settings described(String key, String tooltipOf) {
    return add(key, tooltipOf, ProviderConfigProperty.STRING_TYPE, null, List.of(), false);
  }

  Settings secret(String key) {
    return add(key, key, ProviderConfigProperty.PASSWORD, null, List.of(), true);
  }

  Settings flag(String key, boolean defaultValue) {
    return add(
        key,
        key,
        ProviderConfigProperty.BOOLEAN_TYPE,
        Boolean.toString(defaultValue),
        List.of(),
        false);
  }

  Settings choice(String key, String defaultValue, List<String> options) {
    return add(key, key, ProviderConfigProperty.LIST_TYPE, defaultValue, options, false);
  }

  /** A choice labelled {@code most-<label>}, where its key alone would be ambiguous. */
  Settings labelledChoice(String key, String label, String defaultValue, List<String> options) {
    add(key, label, ProviderConfigProperty.LIST_TYPE, defaultValue, options, false);
    properties.get(properties.size() - 1).setLabel("most-" + label);
    return this;
  }

  Settings choices(String key, List<String> options) {
    return add(key, key, ProviderConfigProperty.MULTIVALUED_LIST_TYPE, null, options, false);
  }

  private Settings add(
      String key,
      String tooltipOf,
      String type,
      String defaultValue,
      List<String> options,
      boolean secret) {
    ProviderConfigProperty property = new ProviderConfigProperty();
    property.setName(prefix + key);
    property.setLabel("most-" + key);
    property.setHelpText("most-" + tooltipOf + ".tooltip");
    property.setType(type);
    property.setDefaultValue(defaultValue);
    property.setOptions(options.isEmpty() ? null : options);
    property.setSecret(secret);
    properties.add(property);
    return this;
  }

  static List<String> names(Class<? extends Enum<?>> type) {
    return Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
  }

  /** The level a provider requires. */
  static Settings level() {
    Settings level =
        top().choice("minimum-level", "substantial", List.of("low", "substantial", "high"));
    level.properties.get(0).setHelpText("most-national-minimum-level.tooltip");
    return level;
  }

  /** What every national eID provider has: the level it requires, the country it serves. */
  static Settings common() {
    return level().text(NationalEidProviderConfig.DESTINATION).secret(PseudonymKeys.SETTING);
  }

  /** Most's SAML service provider and the SAML identity provider it trusts. */
  static Settings saml(Settings settings) {
    return settings
        .text("sp-keystore")
        .secret("sp-keystore-password")
        .text("sp-signing-alias", "signing")
        .text("sp-encryption-alias", "encryption")
        .text("sp-previous-encryption-aliases")
        .text("sp-entity-id")
        .text("idp-entity-id")
        .text("idp-sso-url")
        .text("idp-certificates")
        .choices("relaxations", names(AlgorithmPolicy.Relaxation.class))
        .flag("require-encrypted-assertions", true)
        .choice("binding", SamlBinding.POST.name(), names(SamlBinding.class))
        .text("request-signature-algorithm")
        .text("pending-lifetime", "10m");
  }

  /** Most as the client of an OpenID Connect provider. */
  static Settings oidc(Settings settings, TokenShape shape) {
    return settings
        .text("issuer")
        .text("client-id")
        .secret("client-secret")
        .text("authorization-endpoint")
        .text("token-endpoint")
        .text("userinfo-endpoint")
        .text("jwks-uri")
        .text("algorithms")
        .flag("require-iss-in-response", true)
        .text("clock-skew", "60s")
        .text("http-timeout", "5s")
        .choice("token-shape", shape.name(), names(TokenShape.class))
        .text("scopes", "openid")
        .text("pending-lifetime", "10m");
  }

  /** eAuth's own: its provider and service OIDs, its level notation, its texts. */
  static Settings eauth(Settings settings) {
    return settings
        .text("provider-oid")
        .text("service-oids.low")
        .text("service-oids.substantial")
        .text("service-oids.high")
        .choice(
            "level-notation",
            LevelOfAssuranceNotation.EAUTH_NAME.name(),
            names(LevelOfAssuranceNotation.class))
        .text("cancel-messages")
        .text("placeholder-names");
  }

  /** The MVR eID's claim names, each defaulting to its public code's. */
  static Settings mvrClaims(Settings settings) {
    for (String claim :
        List.of(
            "identifier",
            "identifier-type",
            "given-name",
            "middle-name",
            "family-name",
            "given-name-cyrillic",
            "middle-name-cyrillic",
            "family-name-cyrillic",
            "date-of-birth",
            "gender")) {
      settings.described("claims." + claim, "claim-name");
    }
    return settings;
  }

  /** eid.mk's profile (its levels' values, claim names, identifiers, romanization). */
  static Settings eidMkProfile(Settings settings) {
    for (String acr : List.of("acr-low", "acr-substantial", "acr-high")) {
      settings.described(acr, "acr-value");
    }
    for (String claim :
        List.of(
            "identifier-claim",
            "given-name-claim",
            "family-name-claim",
            "given-name-native-claim",
            "family-name-native-claim",
            "birthdate-claim",
            "gender-claim")) {
      settings.described(claim, "claim-name");
    }
    return settings
        .choice("region-policy", null, names(RegionPolicy.class))
        .choice("dzhe", null, names(MacedonianRomanization.DzheSpelling.class));
  }
}
