package eu.mostbridge.keycloak.mapper;

import eu.mostbridge.keycloak.CommonAttribute;
import eu.mostbridge.keycloak.MostRealm;
import eu.mostbridge.keycloak.broker.MostClaims;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.keycloak.broker.provider.AbstractIdentityProviderMapper;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.models.IdentityProviderSyncMode;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Copies one attribute of Most's common set (person identifier, Latin or native names, birth date,
 * gender, level of assurance, origin country) to a user attribute, at first login and, with sync
 * mode "force", at every login. Only what a login through a Most identity provider proved: put on
 * another provider, it writes nothing. It writes the user directly, so the attribute may (and
 * should) be read-only for users in the realm's user profile.
 */
public class MostAttributeMapper extends AbstractIdentityProviderMapper {
  public static final String PROVIDER_ID = MostRealm.ATTRIBUTE_MAPPER;
  static final String ATTRIBUTE = "most.attribute";
  static final String USER_ATTRIBUTE = MostRealm.MAPPER_TARGET;

  @Override
  public String getId() {
    return PROVIDER_ID;
  }

  @Override
  public String[] getCompatibleProviders() {
    return MostRealm.providerTypes();
  }

  @Override
  public String getDisplayCategory() {
    return "Attribute Importer";
  }

  @Override
  public String getDisplayType() {
    return "Most common attribute";
  }

  @Override
  public String getHelpText() {
    return "Copies an attribute of Most's common set to a user attribute.";
  }

  @Override
  public boolean supportsSyncMode(IdentityProviderSyncMode syncMode) {
    return Set.of(IdentityProviderSyncMode.values()).contains(syncMode);
  }

  @Override
  public List<ProviderConfigProperty> getConfigProperties() {
    return ProviderConfigurationBuilder.create()
        .property()
        .name(ATTRIBUTE)
        .label("most-attribute")
        .helpText("most-attribute.tooltip")
        .type(ProviderConfigProperty.LIST_TYPE)
        .options(Arrays.stream(CommonAttribute.values()).map(Enum::name).toList())
        .defaultValue(CommonAttribute.PERSON_IDENTIFIER.name())
        .add()
        .property()
        .name(USER_ATTRIBUTE)
        .label("most-user-attribute")
        .helpText("most-user-attribute.tooltip")
        .type(ProviderConfigProperty.USER_PROFILE_ATTRIBUTE_LIST_TYPE)
        .add()
        .build();
  }

  /** The configured attribute's value in this login. */
  static Optional<String> value(
      IdentityProviderMapperModel mapper, BrokeredIdentityContext context) {
    String name = mapper.getConfig().getOrDefault(ATTRIBUTE, "");
    return Arrays.stream(CommonAttribute.values())
        .filter(a -> a.name().equals(name))
        .findFirst()
        .flatMap(a -> MostClaims.attribute(context, a));
  }

  @Override
  public void preprocessFederatedIdentity(
      KeycloakSession session,
      RealmModel realm,
      IdentityProviderMapperModel mapper,
      BrokeredIdentityContext context) {
    String target = mapper.getConfig().get(USER_ATTRIBUTE);
    if (target == null || target.isBlank()) {
      return;
    }
    value(mapper, context)
        .ifPresent(
            v -> {
              switch (target) {
                case "firstName" -> context.setFirstName(v);
                case "lastName" -> context.setLastName(v);
                case "email" -> context.setEmail(v);
                default -> context.setUserAttribute(target, v);
              }
            });
  }

  @Override
  public void importNewUser(
      KeycloakSession session,
      RealmModel realm,
      UserModel user,
      IdentityProviderMapperModel mapper,
      BrokeredIdentityContext context) {
    updateBrokeredUser(session, realm, user, mapper, context);
  }

  @Override
  public void updateBrokeredUser(
      KeycloakSession session,
      RealmModel realm,
      UserModel user,
      IdentityProviderMapperModel mapper,
      BrokeredIdentityContext context) {
    String target = mapper.getConfig().get(USER_ATTRIBUTE);
    if (target == null || target.isBlank()) {
      return;
    }
    value(mapper, context)
        .ifPresent(
            v -> {
              switch (target) {
                case "firstName" -> user.setFirstName(v);
                case "lastName" -> user.setLastName(v);
                case "email" -> user.setEmail(v);
                default -> user.setSingleAttribute(target, v);
              }
            });
  }
}
