package eu.mostbridge.keycloak.broker;

import java.util.LinkedHashMap;
import java.util.Map;
import org.keycloak.broker.oidc.OIDCIdentityProvider;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.representations.JsonWebToken;

/** Most's claims of one brokered login, from the validated ID token Keycloak keeps. */
public final class MostClaims {
  /** Context-data key prefix of the common attributes, e.g. {@code most.PERSON_IDENTIFIER}. */
  public static final String KEY_PREFIX = "most.";

  private MostClaims() {}

  /** A common attribute of this login, also after Keycloak serialized the context. */
  public static java.util.Optional<String> attribute(
      BrokeredIdentityContext context, eu.mostbridge.keycloak.CommonAttribute attribute) {
    Object kept = context.getContextData().get(KEY_PREFIX + attribute);
    return kept instanceof String value
        ? java.util.Optional.of(value)
        : attribute.from(of(context));
  }

  public static Map<String, Object> of(BrokeredIdentityContext context) {
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
