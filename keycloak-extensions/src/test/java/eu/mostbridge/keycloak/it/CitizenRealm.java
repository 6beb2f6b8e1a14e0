package eu.mostbridge.keycloak.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The realm set-up docs/KEYCLOAK.md describes, through the admin REST API as the console does it:
 * the user profile, the first-login flow that links by person identifier, an identity provider's
 * attribute and username mappers, the step-up flow, and clients with the claims mapper.
 *
 * @param admin the admin API
 * @param realm the realm's name
 */
record CitizenRealm(KeycloakAdmin admin, String realm) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The first broker login flow {@code most-first-login}: link by person identifier, or create. */
  void firstLoginFlow() throws Exception {
    admin.require(
        "POST",
        "/" + realm + "/authentication/flows",
        Map.of(
            "alias",
            "most-first-login",
            "providerId",
            "basic-flow",
            "topLevel",
            true,
            "builtIn",
            false));
    for (String provider : List.of("most-link-by-person-identifier", "idp-create-user-if-unique")) {
      admin.require(
          "POST",
          "/" + realm + "/authentication/flows/most-first-login/executions/execution",
          Map.of("provider", provider));
    }
    for (Map<String, Object> execution : executions("most-first-login")) {
      execution.put("requirement", "ALTERNATIVE");
      admin.require(
          "PUT", "/" + realm + "/authentication/flows/most-first-login/executions", execution);
    }
  }

  /**
   * The user profile: the attributes the mappers write declared, users may view them, only
   * administrators (and the logins' mappers) write them; other attributes only administrators see;
   * e-mail optional (no national eID sends one).
   */
  @SuppressWarnings("unchecked")
  Map<String, Object> secureProfile(List<String> attributes) throws Exception {
    Map<String, Object> profile =
        JSON.readValue(
            admin.require("GET", "/" + realm + "/users/profile", null).body(), Map.class);
    profile.put("unmanagedAttributePolicy", "ADMIN_EDIT");
    List<Map<String, Object>> declared = (List<Map<String, Object>>) profile.get("attributes");
    declared.stream().filter(a -> "email".equals(a.get("name"))).forEach(a -> a.remove("required"));
    for (String name : attributes) {
      declared.removeIf(a -> name.equals(a.get("name")));
      declared.add(
          Map.of(
              "name",
              name,
              "displayName",
              name,
              "permissions",
              Map.of("view", List.of("admin", "user"), "edit", List.of("admin")),
              "multivalued",
              false));
    }
    return profile;
  }

  /** Identity provider {@code alias}'s attribute mappers (common attribute to user attribute). */
  void mappers(String alias, Map<String, String> attributes) throws Exception {
    for (Map.Entry<String, String> mapper : attributes.entrySet()) {
      admin.require(
          "POST",
          "/" + realm + "/identity-provider/instances/" + alias + "/mappers",
          Map.of(
              "name",
              mapper.getKey().toLowerCase(Locale.ROOT),
              "identityProviderAlias",
              alias,
              "identityProviderMapper",
              "most-attribute-mapper",
              "config",
              Map.of(
                  "syncMode", "INHERIT",
                  "most.attribute", mapper.getKey(),
                  "user.attribute", mapper.getValue())));
    }
    admin.require(
        "POST",
        "/" + realm + "/identity-provider/instances/" + alias + "/mappers",
        Map.of(
            "name",
            "username",
            "identityProviderAlias",
            alias,
            "identityProviderMapper",
            "most-username-mapper",
            "config",
            Map.of("syncMode", "INHERIT")));
  }

  /**
   * The flow {@code flow} that requires the high level through identity provider {@code alias},
   * held by the required action that checks the level as the login completes; its id.
   */
  @SuppressWarnings("unchecked")
  String stepUpFlow(String flow, String alias) throws Exception {
    admin.require(
        "POST",
        "/" + realm + "/authentication/register-required-action",
        Map.of("providerId", "most-step-up-level", "name", "Cross-border step-up level (Most)"));
    admin.require(
        "POST",
        "/" + realm + "/authentication/flows",
        Map.of("alias", flow, "providerId", "basic-flow", "topLevel", true, "builtIn", false));
    admin.require(
        "POST",
        "/" + realm + "/authentication/flows/" + flow + "/executions/execution",
        Map.of("provider", "most-minimum-level"));
    Map<String, Object> stepUp = executions(flow).get(0);
    stepUp.put("requirement", "REQUIRED");
    admin.require("PUT", "/" + realm + "/authentication/flows/" + flow + "/executions", stepUp);
    admin.require(
        "POST",
        "/" + realm + "/authentication/executions/" + stepUp.get("id") + "/config",
        Map.of("alias", "high", "config", Map.of("most.minimum", "high", "most.alias", alias)));
    return ((List<Map<String, Object>>)
            JSON.readValue(
                admin.require("GET", "/" + realm + "/authentication/flows", null).body(),
                List.class))
        .stream()
            .filter(f -> flow.equals(f.get("alias")))
            .findFirst()
            .orElseThrow()
            .get("id")
            .toString();
  }

  /** A confidential client with the claims mapper, secret {@code portal-secret}. */
  void client(String clientId, String redirectUri, Map<String, String> flowOverrides)
      throws Exception {
    admin.require(
        "POST",
        "/" + realm + "/clients",
        Map.of(
            "clientId",
            clientId,
            "publicClient",
            false,
            "secret",
            "portal-secret",
            "redirectUris",
            List.of(redirectUri),
            "standardFlowEnabled",
            true,
            "directAccessGrantsEnabled",
            true,
            "authenticationFlowBindingOverrides",
            flowOverrides,
            "protocolMappers",
            List.of(
                Map.of(
                    "name", "most",
                    "protocol", "openid-connect",
                    "protocolMapper", "most-claims-mapper",
                    "config",
                        Map.of(
                            "attribute.prefix", "most_",
                            "verified.claims", "false",
                            "id.token.claim", "true",
                            "access.token.claim", "true",
                            "userinfo.token.claim", "true")))));
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> executions(String flow) throws Exception {
    return JSON.readValue(
        admin
            .require("GET", "/" + realm + "/authentication/flows/" + flow + "/executions", null)
            .body(),
        List.class);
  }
}
