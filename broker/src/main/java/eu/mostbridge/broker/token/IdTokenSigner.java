package eu.mostbridge.broker.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import eu.mostbridge.broker.client.ClientRegistration;
import eu.mostbridge.broker.config.IssuerUrl;
import eu.mostbridge.broker.keys.SigningKeys;
import eu.mostbridge.identity.CommonIdentity;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * Issues the ID token of one cross-border login, signed with the client's algorithm (its {@code
 * kid} in the header): {@code iss}, {@code aud}, {@code iat}, {@code exp}, the relying party's
 * {@code nonce}, and the claims of {@link ReleasedClaims}.
 */
public final class IdTokenSigner {
  /** How long an ID token is valid: long enough to be verified, short enough not to be kept. */
  public static final Duration LIFETIME = Duration.ofMinutes(5);

  private final URI issuer;
  private final SigningKeys keys;
  private final ReleasedClaims released;

  public IdTokenSigner(URI issuer, SigningKeys keys, ReleasedClaims released) {
    this.issuer = issuer;
    this.keys = keys;
    this.released = released;
  }

  /**
   * The signed ID token.
   *
   * @param method the national eID used, for {@code amr}
   * @param requested what the {@code claims} parameter asked for
   */
  public SignedJWT sign(
      CommonIdentity identity,
      ClientRegistration client,
      Optional<String> nonce,
      String method,
      RequestedClaims requested,
      Instant now) {
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(IssuerUrl.of(issuer).base())
            .audience(client.id())
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(LIFETIME)));
    released.inIdToken(identity, client, method, requested).forEach(claims::claim);
    nonce.ifPresent(n -> claims.claim("nonce", n));
    JWK key = keys.keyFor(client.tokenAlgorithm());
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.parse(client.tokenAlgorithm()))
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            claims.build());
    try {
      jwt.sign(signer(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("The ID token cannot be signed", e);
    }
    return jwt;
  }

  private static JWSSigner signer(JWK key) throws JOSEException {
    return key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key);
  }
}
