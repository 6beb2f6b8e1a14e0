package eu.mostbridge.bench.micro;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The primitive operations one cross-border login cannot avoid, done directly with the JDK's
 * providers: the denominators of the target "Most's CPU per login is at most twice its unavoidable
 * crypto". Each operation includes {@code getInstance} and {@code init}, which any message needs (a
 * new IV, perhaps another key).
 *
 * <ul>
 *   <li>{@link #rs256Verify2048}: SHA256withRSA verification of 4 KB with RSA-2048, the MVR eID's
 *       ID token signature (its simulator's key: RSA-2048).
 *   <li>{@link #pssVerify3072}: RSASSA-PSS (SHA-256, MGF1 SHA-256, 32-byte salt) verification of 4
 *       KB with RSA-3072, the strict SAML answer's signature (the simulators' keys are RSA-3072,
 *       the eIDAS minimum). XML-DSig hashes the assertion into a small SignedInfo and verifies
 *       that; verifying 4 KB directly is the same work.
 *   <li>{@link #oaepUnwrap3072}: RSA-OAEP (SHA-256, MGF1 SHA-256) unwrap of an AES-256 key with
 *       RSA-3072, the SAML assertion's key transport to Most's encryption key.
 *   <li>{@link #aesGcmDecrypt4k}: AES-256-GCM decryption of 4 KB, the encrypted assertion.
 *   <li>{@link #es256Sign}, {@link #ps256Sign2048}, {@link #rs256Sign2048}: the ID token Most
 *       issues, 1 KB of signing input (about its size), with P-256 or RSA-2048 (the broker's
 *       smallest accepted RSA key).
 * </ul>
 *
 * <p>{@link #es256Verify}: ES256 verification of 1 KB with P-256, eid.mk's ID token.
 *
 * <p>So a strict SAML login's unavoidable crypto is one PSS verification, one OAEP unwrap, one GCM
 * decryption and one ID token signature; an OIDC login's is one ID token verification (RS256 or
 * ES256) and one signature.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 3, time = 3)
@State(Scope.Benchmark)
public class CryptoBaseline {
  static final int MESSAGE_BYTES = 4096;
  static final int SIGNING_INPUT_BYTES = 1024;
  static final PSSParameterSpec PSS_SHA256 =
      new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);
  static final OAEPParameterSpec OAEP_SHA256 =
      new OAEPParameterSpec(
          "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);

  KeyPair rsa2048;
  KeyPair rsa3072;
  KeyPair p256;
  byte[] message;
  byte[] signingInput;
  byte[] rs256Signature;
  byte[] pssSignature;
  byte[] es256Signature;
  SecretKey contentKey;
  byte[] wrappedKey;
  byte[] iv;
  byte[] ciphertext;

  @Setup(Level.Trial)
  public void setUp() throws GeneralSecurityException {
    SecureRandom random = new SecureRandom();
    rsa2048 = rsa(2048);
    rsa3072 = rsa(3072);
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"));
    p256 = ec.generateKeyPair();
    message = new byte[MESSAGE_BYTES];
    random.nextBytes(message);
    signingInput = new byte[SIGNING_INPUT_BYTES];
    random.nextBytes(signingInput);

    Signature rs256 = Signature.getInstance("SHA256withRSA");
    rs256.initSign(rsa2048.getPrivate());
    rs256.update(message);
    rs256Signature = rs256.sign();
    Signature pss = Signature.getInstance("RSASSA-PSS");
    pss.setParameter(PSS_SHA256);
    pss.initSign(rsa3072.getPrivate());
    pss.update(message);
    pssSignature = pss.sign();
    Signature es256 = Signature.getInstance("SHA256withECDSA");
    es256.initSign(p256.getPrivate());
    es256.update(signingInput);
    es256Signature = es256.sign();

    KeyGenerator aes = KeyGenerator.getInstance("AES");
    aes.init(256);
    contentKey = aes.generateKey();
    Cipher wrap = Cipher.getInstance("RSA/ECB/OAEPPadding");
    wrap.init(Cipher.WRAP_MODE, rsa3072.getPublic(), OAEP_SHA256);
    wrappedKey = wrap.wrap(contentKey);
    iv = new byte[12];
    random.nextBytes(iv);
    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(Cipher.ENCRYPT_MODE, contentKey, new GCMParameterSpec(128, iv));
    ciphertext = gcm.doFinal(message);
  }

  private static KeyPair rsa(int bits) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(bits);
    return generator.generateKeyPair();
  }

  @Benchmark
  public boolean rs256Verify2048() throws GeneralSecurityException {
    Signature verifier = Signature.getInstance("SHA256withRSA");
    verifier.initVerify(rsa2048.getPublic());
    verifier.update(message);
    return verifier.verify(rs256Signature);
  }

  /** eid.mk's ID token signature (its simulator signs ES256, as Most assumes of eid.mk). */
  @Benchmark
  public boolean es256Verify() throws GeneralSecurityException {
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(p256.getPublic());
    verifier.update(signingInput);
    return verifier.verify(es256Signature);
  }

  @Benchmark
  public boolean pssVerify3072() throws GeneralSecurityException {
    Signature verifier = Signature.getInstance("RSASSA-PSS");
    verifier.setParameter(PSS_SHA256);
    verifier.initVerify(rsa3072.getPublic());
    verifier.update(message);
    return verifier.verify(pssSignature);
  }

  @Benchmark
  public Key oaepUnwrap3072() throws GeneralSecurityException {
    Cipher unwrap = Cipher.getInstance("RSA/ECB/OAEPPadding");
    unwrap.init(Cipher.UNWRAP_MODE, rsa3072.getPrivate(), OAEP_SHA256);
    return unwrap.unwrap(wrappedKey, "AES", Cipher.SECRET_KEY);
  }

  @Benchmark
  public byte[] aesGcmDecrypt4k() throws GeneralSecurityException {
    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(Cipher.DECRYPT_MODE, contentKey, new GCMParameterSpec(128, iv));
    return gcm.doFinal(ciphertext);
  }

  @Benchmark
  public byte[] es256Sign() throws GeneralSecurityException {
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(p256.getPrivate());
    signer.update(signingInput);
    return signer.sign();
  }

  @Benchmark
  public byte[] ps256Sign2048() throws GeneralSecurityException {
    Signature signer = Signature.getInstance("RSASSA-PSS");
    signer.setParameter(PSS_SHA256);
    signer.initSign(rsa2048.getPrivate());
    signer.update(signingInput);
    return signer.sign();
  }

  @Benchmark
  public byte[] rs256Sign2048() throws GeneralSecurityException {
    Signature signer = Signature.getInstance("SHA256withRSA");
    signer.initSign(rsa2048.getPrivate());
    signer.update(signingInput);
    return signer.sign();
  }
}
