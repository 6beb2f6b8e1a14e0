package eu.mostbridge.bench.micro;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import eu.mostbridge.bg.name.TransliterationAct2009;
import eu.mostbridge.identity.CommonIdentity;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.Gender;
import eu.mostbridge.identity.LevelOfAssurance;
import eu.mostbridge.identity.PersonIdentifier;
import eu.mostbridge.identity.PersonName;
import eu.mostbridge.identity.ScriptTag;
import eu.mostbridge.simulator.Persona;
import eu.mostbridge.simulator.Personas;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What issuing one ID token to a relying party costs Most, for each algorithm the broker signs with
 * (its {@code SigningKeys} accepts ES256 on P-256, and PS256 or RS256 with RSA keys of at least
 * 2048 bits; RSA-2048 here, the smallest and cheapest it accepts).
 *
 * <p>The benchmarks module cannot depend on the broker (a Quarkus application), so this class
 * rebuilds what {@code IdTokenSigner.create} does with {@code ReleasedClaims.all}, step for step,
 * and each operation does all of it: the pairwise {@code sub} (HMAC-SHA-256 as {@code
 * PairwiseSubject} computes it), the personal claims (Latin and {@code #bg-Cyrl} names, birth date,
 * gender, eIDAS person identifier), {@code acr}, {@code amr}, {@code auth_time}, {@code iss},
 * {@code aud}, {@code iat}, {@code exp} (5 min), the RP's {@code nonce}; a header with {@code alg},
 * {@code kid} and {@code typ: JWT}; a new Nimbus signer from the JWK (the broker makes one per
 * token); signing and compact serialization. The identity is the synthetic persona {@code bg-maria}
 * as the eAuth adapter maps it, released with the national number ({@code person_identifier} policy
 * NATIONAL_NUMBER) and without {@code verified_claims}. If the broker's claim set changes, change
 * {@link #claims} with it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@State(Scope.Benchmark)
public class IdTokenSigningBenchmark {
  static final String ISSUER = "https://most.bench";
  static final String CLIENT_ID = "bench-rp";
  private static final byte[] PAIRWISE_DOMAIN =
      "most/pairwise-sub/v1".getBytes(StandardCharsets.UTF_8);

  @Param({"ES256", "PS256", "RS256"})
  public String algorithm;

  JWK key;
  CommonIdentity identity;
  private byte[] pairwiseKey;
  private String nonce;

  @Setup(Level.Trial)
  public void setUp() throws JOSEException {
    key =
        algorithm.equals("ES256")
            ? new ECKeyGenerator(Curve.P_256)
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.ES256)
                .keyIDFromThumbprint(true)
                .generate()
            : new RSAKeyGenerator(2048)
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.parse(algorithm))
                .keyIDFromThumbprint(true)
                .generate();
    identity = persona("bg-maria");
    SecureRandom random = new SecureRandom();
    pairwiseKey = new byte[32];
    random.nextBytes(pairwiseKey);
    byte[] nonceBytes = new byte[16];
    random.nextBytes(nonceBytes);
    nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(nonceBytes);
  }

  /** A persona as the eAuth adapter maps it: the Act's romanization of the Cyrillic names. */
  static CommonIdentity persona(String id) {
    Persona persona = Personas.defaults().byId(id).orElseThrow();
    TransliterationAct2009 act = new TransliterationAct2009();
    String given =
        persona.middleName() == null
            ? persona.givenName()
            : persona.givenName() + " " + persona.middleName();
    return CommonIdentity.builder()
        .personIdentifier(
            new PersonIdentifier(CountryCode.BG, CountryCode.MK, persona.identifier()))
        .givenName(PersonName.of(act.romanize(given), given, ScriptTag.BULGARIAN_CYRILLIC))
        .familyName(
            PersonName.of(
                act.romanize(persona.familyName()),
                persona.familyName(),
                ScriptTag.BULGARIAN_CYRILLIC))
        .dateOfBirth(persona.dateOfBirth())
        .gender(persona.gender().equals("female") ? Gender.FEMALE : Gender.MALE)
        .levelOfAssurance(LevelOfAssurance.SUBSTANTIAL)
        .originCountry(CountryCode.BG)
        .authenticationInstant(Instant.now())
        .build();
  }

  @Benchmark
  public String sign() throws JOSEException, GeneralSecurityException {
    Instant now = Instant.now();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.parse(algorithm))
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            claims(now));
    jwt.sign(key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key));
    return jwt.serialize();
  }

  /** The claim set {@code IdTokenSigner} and {@code ReleasedClaims} build, in their order. */
  JWTClaimsSet claims(Instant now) throws GeneralSecurityException {
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .audience(CLIENT_ID)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
    Map<String, Object> released = new LinkedHashMap<>();
    released.put("sub", pairwiseSubject(CLIENT_ID, identity.personIdentifier()));
    name(released, "given_name", identity.givenName());
    name(released, "family_name", identity.familyName());
    released.put("birthdate", identity.dateOfBirth().toString());
    identity.gender().ifPresent(g -> released.put("gender", g.claimValue()));
    released.put("person_identifier", identity.personIdentifier().toEidasForm());
    released.put("acr", identity.levelOfAssurance().uri());
    released.put("amr", List.of("bg-eauth"));
    released.put("auth_time", identity.authenticationInstant().getEpochSecond());
    released.forEach(claims::claim);
    claims.claim("nonce", nonce);
    return claims.build();
  }

  private static void name(Map<String, Object> claims, String claim, PersonName name) {
    claims.put(claim, name.latin());
    name.nativeForm()
        .ifPresent(
            value ->
                claims.put(claim + "#" + name.nativeScript().orElseThrow().languageTag(), value));
  }

  private String pairwiseSubject(String clientId, PersonIdentifier person)
      throws GeneralSecurityException {
    // A new Mac per token, as the broker's PairwiseSubject does.
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(pairwiseKey, "HmacSHA256"));
    mac.update(PAIRWISE_DOMAIN);
    mac.update((byte) 0);
    mac.update(clientId.getBytes(StandardCharsets.UTF_8));
    mac.update((byte) 0);
    mac.update(person.origin().alpha2().getBytes(StandardCharsets.US_ASCII));
    mac.update((byte) 0);
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(mac.doFinal(person.value().getBytes(StandardCharsets.UTF_8)));
  }
}
