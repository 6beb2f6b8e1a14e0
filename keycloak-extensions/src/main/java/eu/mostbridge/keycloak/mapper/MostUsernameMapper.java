package eu.mostbridge.keycloak.mapper;

import eu.mostbridge.keycloak.CommonAttribute;
import eu.mostbridge.keycloak.broker.MostClaims;
import eu.mostbridge.keycloak.broker.MostIdentityProviderFactory;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.keycloak.broker.provider.AbstractIdentityProviderMapper;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.models.IdentityProviderSyncMode;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Builds the Keycloak username from a template over the common attributes, for example {@code
 * most-${ORIGIN_COUNTRY}-${PERSON_IDENTIFIER}}: placeholders are attribute names; the result is
 * lower-cased and every character other than letters, digits, {@code . _ -} becomes {@code -}.
 */
public class MostUsernameMapper extends AbstractIdentityProviderMapper {
  public static final String PROVIDER_ID = "most-username-mapper";
  static final String TEMPLATE = "template";
  static final String DEFAULT_TEMPLATE = "most-${PERSON_IDENTIFIER}";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z_]+)}");

  @Override
  public String getId() {
    return PROVIDER_ID;
  }

  @Override
  public String[] getCompatibleProviders() {
    return new String[] {MostIdentityProviderFactory.PROVIDER_ID};
  }

  @Override
  public String getDisplayCategory() {
    return "Preprocessor";
  }

  @Override
  public String getDisplayType() {
    return "Most username template";
  }

  @Override
  public String getHelpText() {
    return "Builds the username from Most's common attributes, e.g. most-${PERSON_IDENTIFIER}.";
  }

  @Override
  public boolean supportsSyncMode(IdentityProviderSyncMode syncMode) {
    return true;
  }

  @Override
  public List<ProviderConfigProperty> getConfigProperties() {
    return ProviderConfigurationBuilder.create()
        .property()
        .name(TEMPLATE)
        .label("most-username-template")
        .helpText("most-username-template.tooltip")
        .type(ProviderConfigProperty.STRING_TYPE)
        .defaultValue(DEFAULT_TEMPLATE)
        .add()
        .build();
  }

  /** The username {@code template} gives for {@code claims}. */
  static String username(String template, Map<String, Object> claims) {
    Matcher placeholders = PLACEHOLDER.matcher(template == null ? DEFAULT_TEMPLATE : template);
    StringBuilder out = new StringBuilder();
    while (placeholders.find()) {
      String value;
      try {
        value = CommonAttribute.valueOf(placeholders.group(1)).from(claims).orElse("");
      } catch (IllegalArgumentException e) {
        value = "";
      }
      placeholders.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    placeholders.appendTail(out);
    return out.toString().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}._-]", "-");
  }

  @Override
  public void preprocessFederatedIdentity(
      KeycloakSession session,
      RealmModel realm,
      IdentityProviderMapperModel mapper,
      BrokeredIdentityContext context) {
    context.setModelUsername(username(mapper.getConfig().get(TEMPLATE), MostClaims.of(context)));
  }
}
