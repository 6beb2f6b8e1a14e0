package eu.mostbridge.keycloak.mapper;

import eu.mostbridge.keycloak.CommonAttribute;
import eu.mostbridge.keycloak.MostRealm;
import eu.mostbridge.keycloak.broker.MostClaims;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
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
 * Builds the Keycloak username of a new user from a template: {@code ${PSEUDONYM}} (derived from
 * Most's pairwise subject, the default {@code most-${PSEUDONYM}}) or the common attributes, for
 * example {@code most-${ORIGIN_COUNTRY}-${PERSON_IDENTIFIER}}. The result is lower-cased and every
 * character other than letters, digits, {@code . _ -} becomes {@code -}.
 *
 * <p>The default holds no personal data: a username travels as {@code preferred_username} to every
 * client of the realm, into Keycloak's events and onto its pages, and one made from a national
 * number can be registered by someone else first, locking the citizen out. An administrator who
 * chooses attributes chooses both.
 */
public class MostUsernameMapper extends AbstractIdentityProviderMapper {
  public static final String PROVIDER_ID = "most-username-mapper";
  static final String TEMPLATE = "template";
  static final String DEFAULT_TEMPLATE = "most-${PSEUDONYM}";
  private static final String PSEUDONYM = "PSEUDONYM";

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z_]+)}");

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
    return "Preprocessor";
  }

  @Override
  public String getDisplayType() {
    return "Most username template";
  }

  @Override
  public String getHelpText() {
    return "Builds the username of a new user: by default most-${PSEUDONYM}, a random value without"
        + " personal data.";
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

  /**
   * The username {@code template} gives for a login that proved {@code proved}; a pseudonym when
   * the result would not fit Keycloak's username column.
   */
  static String username(
      String template, String pseudonym, Function<CommonAttribute, Optional<String>> proved) {
    String chosen = template == null || template.isBlank() ? DEFAULT_TEMPLATE : template;
    String username = fill(chosen, pseudonym, proved);
    return username.length() > MostClaims.MAX_VALUE_LENGTH
        ? fill(DEFAULT_TEMPLATE, pseudonym, proved)
        : username;
  }

  private static String fill(
      String template, String pseudonym, Function<CommonAttribute, Optional<String>> proved) {
    Matcher placeholders = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (placeholders.find()) {
      String name = placeholders.group(1);
      String value;
      if (PSEUDONYM.equals(name)) {
        value = pseudonym;
      } else {
        try {
          value = proved.apply(CommonAttribute.valueOf(name)).orElse("");
        } catch (IllegalArgumentException e) {
          value = "";
        }
      }
      placeholders.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    placeholders.appendTail(out);
    return out.toString().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}._-]", "-");
  }

  /**
   * 128 bits of SHA-256 over the provider's alias and the citizen's id there (Most's pairwise
   * subject, or a direct provider's keyed id), in hex: the same for the same citizen at this
   * provider (so two first logins racing each other meet at the username's unique key instead of
   * making two users), and nothing anyone can compute without that id.
   */
  static String pseudonym(String alias, String subject) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((alias + '\u0000' + subject).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform has SHA-256", e);
    }
  }

  @Override
  public void preprocessFederatedIdentity(
      KeycloakSession session,
      RealmModel realm,
      IdentityProviderMapperModel mapper,
      BrokeredIdentityContext context) {
    if (!MostRealm.isMost(context.getIdpConfig())) {
      return;
    }
    context.setModelUsername(
        username(
            mapper.getConfig().get(TEMPLATE),
            pseudonym(context.getIdpConfig().getAlias(), context.getId()),
            a -> MostClaims.attribute(context, a)));
  }
}
