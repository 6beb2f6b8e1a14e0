package eu.mostbridge.keycloak;

import java.util.Map;
import java.util.Optional;

/**
 * The common attribute set Most delivers, as Keycloak mappers offer it: each attribute with the
 * claim it is read from. The native name forms are tagged with the origin country's script ({@code
 * given_name#bg-Cyrl}, {@code given_name#mk-Cyrl}, {@code given_name#el-Grek}); the origin country
 * is the first part of the eIDAS person identifier ({@code BG/MK/...}).
 */
public enum CommonAttribute {
  PERSON_IDENTIFIER("person_identifier"),
  GIVEN_NAME("given_name"),
  FAMILY_NAME("family_name"),
  GIVEN_NAME_NATIVE("given_name#"),
  FAMILY_NAME_NATIVE("family_name#"),
  BIRTHDATE("birthdate"),
  GENDER("gender"),
  LEVEL_OF_ASSURANCE("acr"),
  ORIGIN_COUNTRY("person_identifier");

  private final String claim;

  CommonAttribute(String claim) {
    this.claim = claim;
  }

  /** The attribute's value in Most's claims, if present. */
  public Optional<String> from(Map<String, Object> claims) {
    switch (this) {
      case GIVEN_NAME_NATIVE, FAMILY_NAME_NATIVE -> {
        // Whichever script the citizen's country writes names in (bg-Cyrl, mk-Cyrl, el-Grek):
        // Most releases at most one native form of each name.
        return claims.keySet().stream()
            .filter(name -> name.startsWith(claim))
            .sorted()
            .map(claims::get)
            .flatMap(value -> string(value).stream())
            .findFirst();
      }
      case ORIGIN_COUNTRY -> {
        return string(claims.get(claim))
            .filter(id -> id.matches("[A-Z]{2}/[A-Z]{2}/.+"))
            .map(id -> id.substring(0, 2));
      }
      default -> {
        return string(claims.get(claim));
      }
    }
  }

  private static Optional<String> string(Object value) {
    return value == null || value.toString().isEmpty()
        ? Optional.empty()
        : Optional.of(value.toString());
  }
}
