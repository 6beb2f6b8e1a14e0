package eu.mostbridge.keycloak.national;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;
import org.keycloak.models.RealmModel;

/**
 * The key a direct provider's federated identities are made under: a citizen's id at the provider
 * is an HMAC of the person identifier, so neither Keycloak's federated identities, its event log
 * nor the username ({@code most-<id>}) can be turned back into an EGN or EMBG by hashing every
 * candidate. One random key per provider alias, kept as a realm attribute (exported with the realm,
 * so links survive a move); made when an administrator saves the provider, or at its first login.
 * Changing it, or the alias, unlinks every citizen of the provider.
 */
final class PseudonymKeys {
  private static final Logger LOG = Logger.getLogger(PseudonymKeys.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ATTRIBUTE = "most.pseudonym-key.";

  private PseudonymKeys() {}

  /** Makes the key of provider {@code alias} unless the realm has it. */
  static byte[] ensure(RealmModel realm, String alias) {
    String kept = realm.getAttribute(ATTRIBUTE + alias);
    if (kept != null && !kept.isBlank()) {
      try {
        return Base64.getDecoder().decode(kept.trim());
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(
            "Realm " + realm.getName() + ": the attribute " + ATTRIBUTE + alias + " is damaged", e);
      }
    }
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    realm.setAttribute(ATTRIBUTE + alias, Base64.getEncoder().encodeToString(key));
    LOG.infof(
        "Realm %s: a pseudonym key was made for identity provider %s (realm attribute %s%s)",
        realm.getName(), alias, ATTRIBUTE, alias);
    return key;
  }

  /** 128 bits of HMAC-SHA256 over the alias and the person identifier, in hex. */
  static String federatedId(RealmModel realm, String alias, String personIdentifier) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(ensure(realm, alias), "HmacSHA256"));
      byte[] digest =
          mac.doFinal((alias + '\u0000' + personIdentifier).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Every Java platform has HmacSHA256", e);
    }
  }
}
