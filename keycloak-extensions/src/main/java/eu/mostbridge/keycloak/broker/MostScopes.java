package eu.mostbridge.keycloak.broker;

import java.util.Set;
import java.util.stream.Collectors;

/** The scopes a realm asks Most for. */
final class MostScopes {
  private MostScopes() {}

  /** The configured scopes, with {@code openid} and one {@code eidas:country:*} per country. */
  static String scope(String configured, Set<String> countries) {
    Set<String> scopes = new java.util.LinkedHashSet<>();
    scopes.add("openid");
    if (configured != null) {
      for (String scope : configured.trim().split("\\s+", -1)) {
        if (!scope.isEmpty() && !scope.startsWith("eidas:country:")) {
          scopes.add(scope);
        }
      }
    }
    countries.forEach(c -> scopes.add("eidas:country:" + c.toLowerCase(java.util.Locale.ROOT)));
    return scopes.stream().collect(Collectors.joining(" "));
  }
}
