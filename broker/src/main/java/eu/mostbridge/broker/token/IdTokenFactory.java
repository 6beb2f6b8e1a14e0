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
import eu.mostbridge.broker.client.IdentifierPolicy;
import eu.mostbridge.broker.keys.SigningKeys;
import eu.mostbridge.identity.CommonIdentity;
import eu.mostbridge.identity.PersonName;
import eu.mostbridge.identity.identifier.PersonIdentifier;
import eu.mostbridge.identity.identifier.PersonIdentifierPseudonymizer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * Issues the ID token of one cross-border login, signed with the client's algorithm: {@code sub}
 * pairwise; {@code person_identifier} in the eIDAS form with the national number or the persistent
 * pseudonym, per the client's policy; names in Latin and, tagged ({@code #bg-Cyrl}, {@code
 * #mk-Cyrl}), in the native script; {@code birthdate}, {@code gender}; {@code acr} (the eIDAS level
 * reached), {@code auth_time}; the relying party's {@code nonce}.
 */
public final class IdTokenFactory {
  /** How long an ID token is valid: long enough to be verified, short enough not to be kept. */
  public static final Duration LIFETIME = Duration.ofMinutes(5);

  private final URI issuer;
  private final SigningKeys keys;
  private final PairwiseSubject subjects;
  private final PersonIdentifierPseudonymizer pseudonyms;

  public IdTokenFactory(
      URI issuer,
      SigningKeys keys,
      PairwiseSubject subjects,
      PersonIdentifierPseudonymizer pseudonyms) {
    this.issuer = issuer;
    this.keys = keys;
    this.subjects = subjects;
    this.pseudonyms = pseudonyms;
  }

  public String create(
      CommonIdentity identity, ClientRegistration client, Optional<String> nonce, Instant now) {
    PersonIdentifier released =
        client.identifierPolicy() == IdentifierPolicy.NATIONAL_NUMBER
            ? identity.personIdentifier()
            : pseudonyms.pseudonymize(identity.personIdentifier());
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer.toString().replaceAll("/+$", ""))
            .subject(subjects.of(client.id(), identity.personIdentifier()))
            .audience(client.id())
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(LIFETIME)))
            .claim("auth_time", identity.authenticationInstant().getEpochSecond())
            .claim("acr", identity.levelOfAssurance().uri())
            .claim("person_identifier", released.toEidasForm())
            .claim("birthdate", identity.dateOfBirth().toString());
    name(claims, "given_name", identity.givenName());
    name(claims, "family_name", identity.familyName());
    identity.gender().ifPresent(g -> claims.claim("gender", g.claimValue()));
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
    return jwt.serialize();
  }

  private static void name(JWTClaimsSet.Builder claims, String claim, PersonName name) {
    claims.claim(claim, name.latin());
    name.nativeForm()
        .ifPresent(
            value ->
                claims.claim(claim + "#" + name.nativeScript().orElseThrow().languageTag(), value));
  }

  private static JWSSigner signer(JWK key) throws JOSEException {
    return key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key);
  }
}
