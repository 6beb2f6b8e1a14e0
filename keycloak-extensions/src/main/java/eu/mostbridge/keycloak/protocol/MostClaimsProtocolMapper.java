package eu.mostbridge.keycloak.protocol;

import eu.mostbridge.keycloak.CommonAttribute;
import eu.mostbridge.keycloak.EidasLevel;
import eu.mostbridge.keycloak.broker.MostClaims;
import eu.mostbridge.keycloak.broker.MostIdentityProvider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.representations.IDToken;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * Puts the common attribute set, as this user session's login through Most proved it, into the
 * realm's own tokens: {@code person_identifier}, {@code birthdate}, {@code gender}, the native
 * names as {@code given_name#native}/{@code family_name#native}, {@code origin_country}, {@code
 * eidas_level_of_assurance}; optionally as an OpenID Connect for Identity Assurance {@code
 * verified_claims} object with trust framework {@code eidas}.
 *
 * <p>The values come from the user session's notes, which only the Most identity provider writes
 * ({@link MostClaims#NOTE_PREFIX}), never from user attributes: a user who edits an attribute, or
 * logs in with a password, gets no cross-border identity in a token.
 */
public class MostClaimsProtocolMapper extends AbstractOIDCProtocolMapper
    implements OIDCAccessTokenMapper, OIDCIDTokenMapper, UserInfoTokenMapper {
  public static final String PROVIDER_ID = "most-claims-mapper";
  static final String VERIFIED_CLAIMS = "verified.claims";

  /** Token claim per common attribute. */
  static final Map<CommonAttribute, String> CLAIMS = claims();

  private static Map<CommonAttribute, String> claims() {
    Map<CommonAttribute, String> claims = new LinkedHashMap<>();
    claims.put(CommonAttribute.PERSON_IDENTIFIER, "person_identifier");
    claims.put(CommonAttribute.GIVEN_NAME_NATIVE, "given_name#native");
    claims.put(CommonAttribute.FAMILY_NAME_NATIVE, "family_name#native");
    claims.put(CommonAttribute.BIRTHDATE, "birthdate");
    claims.put(CommonAttribute.GENDER, "gender");
    claims.put(CommonAttribute.ORIGIN_COUNTRY, "origin_country");
    claims.put(CommonAttribute.LEVEL_OF_ASSURANCE, "eidas_level_of_assurance");
    return claims;
  }

  @Override
  public String getId() {
    return PROVIDER_ID;
  }

  @Override
  public String getDisplayCategory() {
    return TOKEN_MAPPER_CATEGORY;
  }

  @Override
  public String getDisplayType() {
    return "Most cross-border identity";
  }

  @Override
  public String getHelpText() {
    return "Adds the citizen's cross-border identity (person identifier, native names, birth"
        + " date, level of assurance) to the tokens, optionally as verified_claims.";
  }

  @Override
  public List<ProviderConfigProperty> getConfigProperties() {
    return ProviderConfigurationBuilder.create()
        .property()
        .name(VERIFIED_CLAIMS)
        .label("most-verified-claims")
        .helpText("most-verified-claims.tooltip")
        .type(ProviderConfigProperty.BOOLEAN_TYPE)
        .defaultValue("false")
        .add()
        .property()
        .name("id.token.claim")
        .label("includeInIdToken.label")
        .type(ProviderConfigProperty.BOOLEAN_TYPE)
        .defaultValue("true")
        .add()
        .property()
        .name("access.token.claim")
        .label("includeInAccessToken.label")
        .type(ProviderConfigProperty.BOOLEAN_TYPE)
        .defaultValue("true")
        .add()
        .property()
        .name("userinfo.token.claim")
        .label("includeInUserInfo.label")
        .type(ProviderConfigProperty.BOOLEAN_TYPE)
        .defaultValue("true")
        .add()
        .build();
  }

  /** The claims of a session whose login through Most proved {@code proved} (null when absent). */
  static Map<String, Object> claims(Function<CommonAttribute, String> proved, boolean verified) {
    Map<String, Object> values = new LinkedHashMap<>();
    CLAIMS.forEach(
        (common, claim) -> {
          String value = proved.apply(common);
          if (value != null && !value.isEmpty()) {
            values.put(claim, value);
          }
        });
    if (!verified || values.isEmpty()) {
      return values;
    }
    Map<String, Object> verification = new LinkedHashMap<>();
    verification.put("trust_framework", "eidas");
    Object level = values.remove("eidas_level_of_assurance");
    EidasLevel.fromUri(level)
        .ifPresent(l -> verification.put("assurance_level", l.name().toLowerCase(Locale.ROOT)));
    return Map.of("verified_claims", Map.of("verification", verification, "claims", values));
  }

  /**
   * Whether the session's last authentication was its login through Most: not when the citizen (or
   * anyone with the account's password) authenticated again later in the same session ({@code
   * AUTH_TIME} moves; a single sign-on pass keeps it). Keycloak sets {@code AUTH_TIME} when the
   * login completes, which after Most can take a first-login form's time.
   */
  static boolean lastAuthenticatedThroughMost(Map<String, String> notes) {
    try {
      long finished = Long.parseLong(notes.get(MostIdentityProvider.FINISHED_NOTE));
      String authTime = notes.get(AuthenticationManager.AUTH_TIME);
      return authTime == null || Long.parseLong(authTime) <= finished + FIRST_LOGIN_ALLOWANCE;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Seconds a first-login flow may take between Most's answer and the end of the login. */
  static final long FIRST_LOGIN_ALLOWANCE = 900;

  @Override
  protected void setClaim(
      IDToken token,
      ProtocolMapperModel mapping,
      UserSessionModel userSession,
      KeycloakSession session,
      ClientSessionContext clientSessionContext) {
    if (!lastAuthenticatedThroughMost(userSession.getNotes())) {
      return;
    }
    boolean verified = Boolean.parseBoolean(mapping.getConfig().get(VERIFIED_CLAIMS));
    token
        .getOtherClaims()
        .putAll(
            claims(attribute -> userSession.getNote(MostClaims.NOTE_PREFIX + attribute), verified));
  }
}
