package eu.mostbridge.saml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import eu.mostbridge.adapter.AuthenticationFailure;
import eu.mostbridge.adapter.FailedAnswerLimit;
import eu.mostbridge.adapter.PendingAuthentication;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.LevelOfAssurance;
import eu.mostbridge.replay.InMemoryReplayCache;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Bulgarian eAuth's production answer (an unsigned Response around a CBC-encrypted assertion) as an
 * attacker would use it: as a decryption oracle (Jager and Somorovsky, 2011). The attacker takes a
 * genuine ciphertext, changes it, and watches what Most answers. Each forgery's true outcome is
 * known here (the test decrypts with Most's key): a padding error, valid padding around garbled
 * XML, well-formed XML without the IdP's signature, a key that does not unwrap. What the attacker
 * sees (reason, message and time) must be one and the same for all of them: nothing learned.
 */
class DecryptionOracleTest {
  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  private static final Pattern CIPHER_VALUE =
      Pattern.compile("<xenc:CipherValue>([^<]+)</xenc:CipherValue>");

  private final ServiceProviderIdentity sp =
      new ServiceProviderIdentity(
          TestResponses.SP,
          URI.create(TestResponses.ACS),
          TestKeys.SP_SIGNING,
          List.of(TestKeys.SP_ENCRYPTION));
  private final PendingAuthentication pending =
      new PendingAuthentication(
          "bg-eauth",
          "_req1",
          LevelOfAssurance.SUBSTANTIAL,
          CountryCode.MK,
          NOW.plusSeconds(600),
          Map.of());
  private final IdentityProviderPeer eauth =
      IdentityProviderPeer.strict(
          TestResponses.IDP,
          URI.create("https://idp.test/sso"),
          List.of(TestKeys.IDP_RSA.getEntityCertificate()),
          AlgorithmPolicy.eidasStrict()
              .relaxedBy(
                  EnumSet.of(
                      AlgorithmPolicy.Relaxation.SHA1_SIGNATURE,
                      AlgorithmPolicy.Relaxation.AES_CBC_ENCRYPTION,
                      AlgorithmPolicy.Relaxation.RSA_OAEP_MGF1P_KEY_TRANSPORT,
                      AlgorithmPolicy.Relaxation.UNSIGNED_RESPONSE_CBC_ASSERTION)));

  /**
   * eAuth's shape: RSA-SHA1 over a SHA-256 digest, AES-128-CBC, RSA-OAEP-MGF1P, no Response
   * signature.
   */
  private static final Consumer<TestResponses> EAUTH =
      r -> {
        r.assertionSignatureAlgorithm = AlgorithmPolicy.RSA_SHA1;
        r.dataEncryption = AlgorithmPolicy.AES128_CBC;
        r.keyTransport = AlgorithmPolicy.RSA_OAEP_MGF1P;
        r.responseSigner = null;
      };

  private SamlResponseValidator validator() {
    return new SamlResponseValidator(
        sp,
        eauth,
        new InMemoryReplayCache(Clock.fixed(NOW, ZoneOffset.UTC), 1000),
        Clock.fixed(NOW, ZoneOffset.UTC),
        new SamlXmlParser());
  }

  private static String xml(Consumer<TestResponses> change) {
    TestResponses r = new TestResponses(NOW);
    EAUTH.andThen(change).accept(r);
    return r.xml();
  }

  /**
   * What the attacker observes of one answer: reason and message (the broker turns them into the
   * status, page and audit reason). Time is checked on its own: never under the uniform time.
   */
  private record Seen(String reason, String message) {}

  private Seen submit(String xml) {
    long started = System.nanoTime();
    AuthenticationFailure failure =
        catchThrowableOfType(
            AuthenticationFailure.class,
            () -> validator().validate(TestResponses.encode(xml), pending));
    long elapsed = System.nanoTime() - started;
    assertThat(failure).as("a forgery is refused").isNotNull();
    assertThat(Duration.ofNanos(elapsed))
        .as("no refusal after decryption is quicker than the uniform time")
        .isGreaterThanOrEqualTo(SamlResponseValidator.UNIFORM_FAILURE_TIME);
    return new Seen(failure.reason().name(), failure.getMessage());
  }

  @Test
  void theGenuineAnswerIsAcceptedAndDeclaresTheBound() throws AuthenticationFailure {
    assertThat(validator().validate(TestResponses.encode(xml(r -> {})), pending).attributes())
        .containsKey("urn:test:personIdentifier");
    assertThat(eauth.failedAnswerLimit()).contains(FailedAnswerLimit.ORACLE_BOUND);
    assertThat(eauth.relaxations()).contains("UNSIGNED_RESPONSE_CBC_ASSERTION");
  }

  @Test
  void forgedCiphertextsTeachTheAttackerNothing() throws Exception {
    String genuine = xml(r -> {});
    int key = keyIndex(genuine);
    int data = 1 - key;
    byte[] aesKey = unwrap(cipherValues(genuine).get(key));
    byte[] ciphertext = cipherValues(genuine).get(data);
    int blocks = ciphertext.length / 16;

    Map<String, String> forgeries = new LinkedHashMap<>();
    Map<String, Set<String>> truth = new LinkedHashMap<>();
    // The padding step of the attack: change the last byte of the block before the last one, so
    // that the last block's padding byte changes by the same difference. Of the 31 guesses below
    // 32, about half give valid padding (around plaintext that no longer parses), the rest a
    // padding error.
    for (int guess = 1; guess < 32; guess++) {
      byte[] forged = ciphertext.clone();
      forged[(blocks - 2) * 16 + 15] ^= (byte) guess;
      String outcome = paddingValid(aesKey, forged) ? "valid padding" : "padding error";
      forgeries.put(outcome + " #" + guess, withCipherValue(genuine, data, forged));
      truth.computeIfAbsent(outcome, k -> new LinkedHashSet<>()).add("#" + guess);
    }
    // The first block (the IV) changed: valid padding, the XML's first characters garbled.
    byte[] garbled = ciphertext.clone();
    garbled[1] ^= 0x01;
    forgeries.put("garbled start", withCipherValue(genuine, data, garbled));
    // Not a whole number of blocks.
    byte[] truncated = java.util.Arrays.copyOf(ciphertext, ciphertext.length - 5);
    forgeries.put("truncated", withCipherValue(genuine, data, truncated));
    // A key that does not unwrap with Most's key (RSA-OAEP's own check fails).
    byte[] wrappedKey = cipherValues(genuine).get(key).clone();
    wrappedKey[7] ^= 0x10;
    forgeries.put("bad key", withCipherValue(genuine, key, wrappedKey));
    // The genuine key moved into a GCM envelope: the key unwrap must not answer differently.
    forgeries.put(
        "key moved to GCM",
        genuine.replace("http://www.w3.org/2001/04/xmlenc#aes128-cbc", AlgorithmPolicy.AES128_GCM));
    // Well-formed plaintext the attacker encrypted to Most's public key, unsigned or self-signed.
    forgeries.put("unsigned assertion", xml(r -> r.assertionSigner = null));
    forgeries.put("attacker's signature", xml(r -> r.assertionSigner = TestKeys.ATTACKER));
    assertThat(truth.keySet())
        .as("the forgeries reach both sides of the padding check")
        .contains("valid padding", "padding error");

    Map<Seen, List<String>> seen = new LinkedHashMap<>();
    List<Long> millis = new ArrayList<>();
    for (Map.Entry<String, String> forgery : forgeries.entrySet()) {
      long started = System.nanoTime();
      seen.computeIfAbsent(submit(forgery.getValue()), k -> new ArrayList<>())
          .add(forgery.getKey());
      millis.add((System.nanoTime() - started) / 1_000_000);
    }
    System.out.printf(
        "Decryption oracle: %d forgeries (%s), %d distinct observation(s); refusal took %d-%d ms%n",
        forgeries.size(),
        truth.entrySet().stream()
            .map(e -> e.getValue().size() + " " + e.getKey())
            .reduce((a, b) -> a + ", " + b)
            .orElse(""),
        seen.size(),
        millis.stream().mapToLong(Long::longValue).min().orElse(0),
        millis.stream().mapToLong(Long::longValue).max().orElse(0));
    assertThat(seen)
        .as("every forgery is answered alike; what told them apart: %s", seen)
        .hasSize(1);
    Seen only = seen.keySet().iterator().next();
    assertThat(only.message()).isEqualTo(SamlResponseValidator.UNAUTHENTIC_CIPHERTEXT);
    assertThat(only.reason()).isEqualTo("BAD_SIGNATURE");
  }

  @Test
  void manyCopiesOfTheKeyAreRefusedBeforeAnythingIsDecrypted() {
    String genuine = xml(r -> {});
    Matcher key = Pattern.compile("(?s)<xenc:EncryptedKey.*?</xenc:EncryptedKey>").matcher(genuine);
    assertThat(key.find()).isTrue();
    // The decrypter would decrypt the content once per key: a padding check's time, multiplied.
    // (each copy with an ID of its own: the parser refuses two elements with one ID)
    StringBuilder copies = new StringBuilder(key.group());
    for (int i = 1; i < 50; i++) {
      copies.append(key.group().replaceAll(" Id=\"([^\"]*)\"", " Id=\"$1x" + i + "\""));
    }
    String amplified = genuine.replace(key.group(), copies);

    long started = System.nanoTime();
    AuthenticationFailure failure =
        catchThrowableOfType(
            AuthenticationFailure.class,
            () -> validator().validate(TestResponses.encode(amplified), pending));

    assertThat(failure.getMessage()).contains("needs one key");
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .as("refused before decryption")
        .isLessThan(SamlResponseValidator.UNIFORM_FAILURE_TIME);
  }

  private static List<byte[]> cipherValues(String xml) {
    List<byte[]> values = new ArrayList<>();
    Matcher m = CIPHER_VALUE.matcher(xml);
    while (m.find()) {
      values.add(Base64.getMimeDecoder().decode(m.group(1).replace("&#13;", "")));
    }
    assertThat(values).as("an EncryptedKey and the EncryptedData").hasSize(2);
    return values;
  }

  /** Which of the two is the wrapped key: the one as long as Most's RSA modulus. */
  private static int keyIndex(String xml) {
    int modulusBytes =
        ((java.security.interfaces.RSAPublicKey) TestKeys.SP_ENCRYPTION.getPublicKey())
                .getModulus()
                .bitLength()
            / 8;
    return cipherValues(xml).get(0).length == modulusBytes ? 0 : 1;
  }

  private static String withCipherValue(String xml, int index, byte[] value) {
    Matcher m = CIPHER_VALUE.matcher(xml);
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (m.find()) {
      String replacement = i++ == index ? Base64.getEncoder().encodeToString(value) : m.group(1);
      m.appendReplacement(
          out,
          Matcher.quoteReplacement("<xenc:CipherValue>" + replacement + "</xenc:CipherValue>"));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static byte[] unwrap(byte[] wrapped) throws Exception {
    Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
    rsa.init(Cipher.DECRYPT_MODE, TestKeys.SP_ENCRYPTION.getPrivateKey());
    return rsa.doFinal(wrapped);
  }

  /** XML Encryption's padding rule: the last plaintext byte is a length from 1 to 16. */
  private static boolean paddingValid(byte[] key, byte[] ciphertext) throws Exception {
    Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
    aes.init(
        Cipher.DECRYPT_MODE,
        new SecretKeySpec(key, "AES"),
        new IvParameterSpec(java.util.Arrays.copyOf(ciphertext, 16)));
    byte[] plain = aes.doFinal(ciphertext, 16, ciphertext.length - 16);
    int pad = plain[plain.length - 1] & 0xff;
    return pad >= 1 && pad <= 16;
  }
}
