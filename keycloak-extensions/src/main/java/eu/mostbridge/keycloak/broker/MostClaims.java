package eu.mostbridge.keycloak.broker;

import eu.mostbridge.keycloak.CommonAttribute;
import eu.mostbridge.keycloak.MostRealm;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.keycloak.broker.oidc.OIDCIdentityProvider;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.representations.JsonWebToken;

/**
 * Most's claims of one brokered login. Only a Most identity provider puts them in the login's
 * context, after it validated Most's ID token and checked the level: a login through any other
 * provider (another realm's OpenID provider using the same first-login flow, say) has none.
 */
public final class MostClaims {
  /** Context-data key prefix of the common attributes, e.g. {@code most.PERSON_IDENTIFIER}. */
  public static final String KEY_PREFIX = "most.";

  /**
   * User-session note prefix of the common attributes a session's login through Most proved, e.g.
   * {@code most.claim.PERSON_IDENTIFIER}: what the realm's tokens release, never a user attribute.
   */
  public static final String NOTE_PREFIX = "most.claim.";

  /** Keycloak's columns for names and usernames hold 255 characters; Most sends no more. */
  public static final int MAX_VALUE_LENGTH = 255;

  private MostClaims() {}

  /** A common attribute this login through Most proved; empty for any other provider's login. */
  public static Optional<String> attribute(
      BrokeredIdentityContext context, CommonAttribute attribute) {
    if (!MostRealm.isMost(context.getIdpConfig())) {
      return Optional.empty();
    }
    Object kept = context.getContextData().get(KEY_PREFIX + attribute);
    return kept instanceof String value ? Optional.of(value) : Optional.empty();
  }

  /** The claims of Most's validated ID token in {@code context}. */
  static Map<String, Object> of(BrokeredIdentityContext context) {
    Object token = context.getContextData().get(OIDCIdentityProvider.VALIDATED_ID_TOKEN);
    Map<String, Object> claims = new LinkedHashMap<>();
    if (token instanceof JsonWebToken jwt) {
      claims.putAll(jwt.getOtherClaims());
      if (jwt.getSubject() != null) {
        claims.put("sub", jwt.getSubject());
      }
    }
    return claims;
  }
}
