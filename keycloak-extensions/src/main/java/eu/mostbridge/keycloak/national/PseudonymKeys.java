package eu.mostbridge.keycloak.national;

import eu.mostbridge.config.ConfigSection;
import eu.mostbridge.identity.PersonIdentifier;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key a direct provider's federated identities are made under ({@code pseudonym-key}, a secret
 * of at least 32 characters, best a vault reference): a citizen's id at the provider is an HMAC of
 * the origin country and national number, so neither Keycloak's federated identities, its event log
 * nor the username ({@code most-<id>}) can be turned back into an EGN or EMBG by hashing every
 * candidate, and the id stays the same when the realm's destination country changes. Changing the
 * key unlinks every citizen of the provider; so does giving a second provider the same citizens
 * under another key.
 */
final class PseudonymKeys {
  /** The setting. */
  static final String SETTING = "pseudonym-key";

  /** 256 bits of key material, written as text. */
  static final int MINIMUM_LENGTH = 32;

  private PseudonymKeys() {}

  /** The provider's key, which must be set and long enough. */
  static String of(ConfigSection settings) {
    String key = settings.required(SETTING);
    if (key.length() < MINIMUM_LENGTH) {
      throw settings.problem(SETTING, "must be at least " + MINIMUM_LENGTH + " characters");
    }
    return key;
  }

  /** 128 bits of HMAC-SHA256 over the origin country and the national number, in hex. */
  static String federatedId(String key, PersonIdentifier identifier) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest =
          mac.doFinal(
              (identifier.origin().alpha2() + '/' + identifier.value())
                  .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Every Java platform has HmacSHA256", e);
    }
  }
}
