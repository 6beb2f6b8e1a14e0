package eu.mostbridge.broker.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import eu.mostbridge.broker.client.ClientFile;
import eu.mostbridge.broker.client.ClientRegistration;
import eu.mostbridge.broker.keys.SigningKeys;
import eu.mostbridge.identity.CommonIdentity;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.Gender;
import eu.mostbridge.identity.LevelOfAssurance;
import eu.mostbridge.identity.PersonIdentifier;
import eu.mostbridge.identity.PersonName;
import eu.mostbridge.identity.ScriptTag;
import eu.mostbridge.identity.identifier.PersonIdentifierPseudonymizer;
import eu.mostbridge.identity.identifier.PseudonymKey;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IdTokenSignerTest {
  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

  private final SigningKeys keys = new SigningKeys(Optional.empty(), "ES256");
  private final IdTokenSigner factory =
      new IdTokenSigner(
          URI.create("https://most.test/"),
          keys,
          new ReleasedClaims(
              new PairwiseSubject(new byte[32]),
              new PersonIdentifierPseudonymizer(new PseudonymKey("k1", new byte[32]), List.of())));

  private final List<ClientRegistration> clients;

  IdTokenSignerTest() throws Exception {
    clients =
        ClientFile.parse(
            """
            clients:
              - id: pseudonymous
                names: {bg: "a", mk: "b", en: "c"}
                redirectUris: [https://a.test/cb]
                jwksUri: https://a.test/jwks
                allowedCountries: [BG]
              - id: national
                names: {bg: "a", mk: "b", en: "c"}
                redirectUris: [https://b.test/cb]
                jwksUri: https://b.test/jwks
                allowedCountries: [BG]
                identifierPolicy: NATIONAL_NUMBER
            """);
  }

  /** A synthetic Bulgarian citizen (EGN 8703141379 is made up and checksum-valid). */
  private static CommonIdentity maria() {
    return CommonIdentity.builder()
        .personIdentifier(PersonIdentifier.parse("BG/MK/8703141379"))
        .givenName(PersonName.of("Maria", "Мария", ScriptTag.BULGARIAN_CYRILLIC))
        .familyName(PersonName.of("Petrova", "Петрова", ScriptTag.BULGARIAN_CYRILLIC))
        .dateOfBirth(LocalDate.of(1987, 3, 14))
        .gender(Gender.FEMALE)
        .levelOfAssurance(LevelOfAssurance.HIGH)
        .originCountry(CountryCode.BG)
        .authenticationInstant(NOW.minusSeconds(30))
        .build();
  }

  /** The claims of {@code jwt}, as a relying party reads them from its compact form. */
  private JWTClaimsSet verified(SignedJWT jwt) throws Exception {
    return verified(jwt.serialize());
  }

  private JWTClaimsSet verified(String token) throws Exception {
    SignedJWT jwt = SignedJWT.parse(token);
    com.nimbusds.jose.jwk.JWK key = keys.publicKeys().getKeyByKeyId(jwt.getHeader().getKeyID());
    assertThat(
            jwt.verify(
                key instanceof ECKey ec
                    ? new ECDSAVerifier(ec)
                    : new com.nimbusds.jose.crypto.RSASSAVerifier(key.toRSAKey())))
        .as("signed by the published key")
        .isTrue();
    return jwt.getJWTClaimsSet();
  }

  @Test
  void carriesTheCommonAttributeSetSignedByThePublishedKey() throws Exception {
    JWTClaimsSet claims =
        verified(
            factory.sign(
                maria(),
                clients.get(1),
                Optional.of("n-1"),
                "bg-eauth",
                RequestedClaims.NONE,
                NOW));

    assertThat(claims.getIssuer()).isEqualTo("https://most.test");
    assertThat(claims.getAudience()).containsExactly("national");
    assertThat(claims.getStringClaim("nonce")).isEqualTo("n-1");
    assertThat(claims.getStringClaim("acr")).isEqualTo("http://eidas.europa.eu/LoA/high");
    assertThat(claims.getStringClaim("person_identifier")).isEqualTo("BG/MK/8703141379");
    assertThat(claims.getStringClaim("given_name")).isEqualTo("Maria");
    assertThat(claims.getStringClaim("given_name#bg-Cyrl")).isEqualTo("Мария");
    assertThat(claims.getStringClaim("family_name#bg-Cyrl")).isEqualTo("Петрова");
    assertThat(claims.getStringClaim("birthdate")).isEqualTo("1987-03-14");
    assertThat(claims.getStringClaim("gender")).isEqualTo("female");
    assertThat(claims.getLongClaim("auth_time")).isEqualTo(NOW.minusSeconds(30).getEpochSecond());
    assertThat(claims.getExpirationTime().toInstant()).isEqualTo(NOW.plus(IdTokenSigner.LIFETIME));
    assertThat(claims.getStringListClaim("amr")).containsExactly("bg-eauth");
    assertThat(claims.getClaim("verified_claims")).as("only when asked for").isNull();
  }

  @Test
  void verifiedClaimsFollowIdentityAssuranceWithTheEidasTrustFramework() throws Exception {
    JWTClaimsSet claims =
        verified(
            factory.sign(
                maria(),
                clients.get(1),
                Optional.empty(),
                "bg-mvr-eid",
                new RequestedClaims(true, java.util.Set.of()),
                NOW));

    Map<String, Object> verified = claims.getJSONObjectClaim("verified_claims");
    @SuppressWarnings("unchecked")
    Map<String, Object> verification = (Map<String, Object>) verified.get("verification");
    @SuppressWarnings("unchecked")
    Map<String, Object> person = (Map<String, Object>) verified.get("claims");
    assertThat(verification)
        .containsEntry("trust_framework", "eidas")
        .containsEntry("assurance_level", "high")
        .containsEntry("time", NOW.minusSeconds(30).toString());
    assertThat(person)
        .containsEntry("given_name", "Maria")
        .containsEntry("family_name#bg-Cyrl", "Петрова")
        .containsEntry("person_identifier", "BG/MK/8703141379")
        .doesNotContainKey("sub");
  }

  @Test
  void aPseudonymousClientNeverSeesTheNationalNumber() throws Exception {
    String token =
        factory
            .sign(maria(), clients.get(0), Optional.empty(), "bg-eauth", RequestedClaims.NONE, NOW)
            .serialize();
    JWTClaimsSet claims = verified(token);

    assertThat(claims.getStringClaim("person_identifier")).matches("BG/MK/k1\\.[0-9a-f]{64}");
    assertThat(claims.getClaim("nonce")).isNull();
    String payload =
        new String(
            Base64.getUrlDecoder().decode(token.split("\\.", -1)[1]), StandardCharsets.UTF_8);
    assertThat(payload).doesNotContain("8703141379");
    assertThat(claims.getSubject()).doesNotContain("8703141379");
  }

  @Test
  void subjectsArePairwiseAndStable() throws Exception {
    String atA =
        verified(
                factory.sign(
                    maria(),
                    clients.get(0),
                    Optional.empty(),
                    "bg-eauth",
                    RequestedClaims.NONE,
                    NOW))
            .getSubject();
    String atAAgain =
        verified(
                factory.sign(
                    maria(),
                    clients.get(0),
                    Optional.empty(),
                    "bg-eauth",
                    RequestedClaims.NONE,
                    NOW.plusSeconds(99)))
            .getSubject();
    String atB =
        verified(
                factory.sign(
                    maria(),
                    clients.get(1),
                    Optional.empty(),
                    "bg-eauth",
                    RequestedClaims.NONE,
                    NOW))
            .getSubject();

    assertThat(atAAgain).isEqualTo(atA);
    assertThat(atB).isNotEqualTo(atA);
  }
}
