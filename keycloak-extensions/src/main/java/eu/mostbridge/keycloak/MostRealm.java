package eu.mostbridge.keycloak;

import java.util.LinkedHashSet;
import java.util.Set;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.userprofile.UserProfileProvider;

/**
 * What a realm must hold for a Most login to be trusted: the user attributes a Most login writes
 * (the person identifier a first login links by, the level) can be written by a Most login or an
 * administrator, never by the user (registration form, account console, account REST API).
 * Otherwise any local user could put a citizen's identifier on their own account and have the
 * citizen's login land there.
 */
public final class MostRealm {
  /** The identity provider type of Most ({@code MostIdentityProviderFactory}). */
  public static final String PROVIDER_TYPE = "most";

  /**
   * The identity provider types of the national eIDs reached directly ({@code
   * eu.mostbridge.keycloak.national}): {@code most-} and the eID's id in Most.
   */
  public static final Set<String> NATIONAL_EID_PROVIDER_TYPES =
      Set.of("most-bg-eauth", "most-bg-mvr-eid", "most-mk-eid", "most-eidas-network");

  /** The attribute mapper type and its target setting ({@code MostAttributeMapper}). */
  public static final String ATTRIBUTE_MAPPER = "most-attribute-mapper";

  public static final String MAPPER_TARGET = "user.attribute";

  /** The message (theme key) a citizen sees when the realm is refused as unsafe. */
  public static final String UNSAFE_MESSAGE = "mostRealmUnsafe";

  /** Keycloak's own user fields, which users may edit and Most's trust never rests on. */
  private static final Set<String> USER_FIELDS =
      Set.of("username", "email", "firstName", "lastName");

  private MostRealm() {}

  /**
   * Whether {@code provider} is one of Most's identity providers (Most itself, or a national eID
   * reached directly): only those put the common attributes in a login's context.
   */
  public static boolean isMost(IdentityProviderModel provider) {
    return provider != null
        && (PROVIDER_TYPE.equals(provider.getProviderId())
            || NATIONAL_EID_PROVIDER_TYPES.contains(provider.getProviderId()));
  }

  /** Every identity provider type of Most's, for the mappers that serve them all. */
  public static String[] providerTypes() {
    java.util.List<String> types = new java.util.ArrayList<>();
    types.add(PROVIDER_TYPE);
    NATIONAL_EID_PROVIDER_TYPES.stream().sorted().forEach(types::add);
    return types.toArray(String[]::new);
  }

  /** The user attributes the Most attribute mappers of identity provider {@code alias} write. */
  public static Set<String> attributesWrittenBy(KeycloakSession session, String alias) {
    Set<String> attributes = new LinkedHashSet<>();
    session
        .identityProviders()
        .getMappersByAliasStream(alias)
        .filter(mapper -> ATTRIBUTE_MAPPER.equals(mapper.getIdentityProviderMapper()))
        .map(mapper -> mapper.getConfig().get(MAPPER_TARGET))
        .filter(target -> target != null && !target.isBlank() && !USER_FIELDS.contains(target))
        .forEach(attributes::add);
    return attributes;
  }

  /**
   * Those of {@code attributes} that users of the session's realm can edit themselves: declared in
   * the user profile with edit permission for {@code user}, or not declared (or declared for some
   * scopes only) while unmanaged attributes are enabled for users.
   */
  public static Set<String> userEditable(KeycloakSession session, Set<String> attributes) {
    UPConfig profile = session.getProvider(UserProfileProvider.class).getConfiguration();
    Set<String> editable = new LinkedHashSet<>();
    for (String name : attributes) {
      UPAttribute declared = profile.getAttribute(name);
      // An attribute declared only for some scopes is unmanaged wherever those are not asked for.
      boolean scoped =
          declared != null
              && declared.getSelector() != null
              && declared.getSelector().getScopes() != null
              && !declared.getSelector().getScopes().isEmpty();
      boolean unmanagedByUsers =
          (declared == null || scoped)
              && profile.getUnmanagedAttributePolicy() == UPConfig.UnmanagedAttributePolicy.ENABLED;
      boolean declaredForUsers =
          declared != null
              && declared.getPermissions() != null
              && declared.getPermissions().getEdit() != null
              && declared.getPermissions().getEdit().contains("user");
      boolean byUsers = unmanagedByUsers || declaredForUsers;
      if (byUsers) {
        editable.add(name);
      }
    }
    return editable;
  }
}
