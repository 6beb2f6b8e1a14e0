package eu.mostbridge.broker.token;

import eu.mostbridge.identity.PersonIdentifier;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * OpenID Connect pairwise subject identifiers (Core, section 8.1): the same citizen has a different
 * {@code sub} at each relying party, so two relying parties cannot link their users by {@code sub}.
 * {@code sub} = base64url(HMAC-SHA-256(key, "most/pairwise-sub/v1" NUL client NUL origin NUL
 * national number)).
 */
public final class PairwiseSubject {
  private static final byte[] DOMAIN = "most/pairwise-sub/v1".getBytes(StandardCharsets.UTF_8);

  private final byte[] key;

  public PairwiseSubject(byte[] key) {
    if (key.length < 32) {
      throw new IllegalArgumentException("The pairwise subject key needs at least 32 bytes");
    }
    this.key = key.clone();
  }

  /** The {@code sub} of {@code person} at the relying party {@code clientId}. */
  public String of(String clientId, PersonIdentifier person) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update(DOMAIN);
      mac.update((byte) 0);
      mac.update(clientId.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      mac.update(person.origin().alpha2().getBytes(StandardCharsets.US_ASCII));
      mac.update((byte) 0);
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(mac.doFinal(person.value().getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }
}
