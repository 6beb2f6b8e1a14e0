package eu.mostbridge.saml;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which XML Signature and XML Encryption algorithms Most accepts from (and uses towards) one
 * identity provider.
 *
 * <p>{@link #eidasStrict()} is the eIDAS cryptographic profile: RSASSA-PSS or ECDSA signatures with
 * SHA-256 or stronger, SHA-256+ digests, AES-GCM content encryption and RSA-OAEP key transport.
 * Anything else is a {@link Relaxation}: named, granted per identity provider in configuration,
 * logged at start-up and recorded in every audit event of that provider, never implied.
 */
public final class AlgorithmPolicy {
  /** The exceptions a peer may be granted, each for a known, named reason. */
  public enum Relaxation {
    /** RSA PKCS#1 v1.5 with SHA-256/384/512: common outside eIDAS, not in its profile. */
    RSA_PKCS1_SIGNATURE,
    /** RSA with SHA-1 signatures and SHA-1 digests (Bulgarian eAuth signs so). */
    SHA1_SIGNATURE,
    /** AES-CBC content encryption (Bulgarian eAuth encrypts with AES-128-CBC). */
    AES_CBC_ENCRYPTION,
    /** RSA-OAEP with the XML Encryption 1.0 identifier (MGF1 with SHA-1). */
    RSA_OAEP_MGF1P_KEY_TRANSPORT,
    /** RSA signing keys of 2048 to 3071 bits (eIDAS asks for 3072 or more; below 2048 never). */
    RSA_2048_KEYS,
    /**
     * An unsigned Response around a signed assertion encrypted with AES-CBC, as Bulgarian eAuth
     * answers in production (eAuth-v2 {@code SAMLBuilder}). Nothing authenticates such a ciphertext
     * before it is decrypted, which makes CBC a decryption oracle (Jager and Somorovsky, 2011)
     * unless every failure from decryption to the assertion's signature looks alike: the validator
     * answers them with one reason, one message and one minimum duration, and the adapter declares
     * a {@link eu.mostbridge.adapter.FailedAnswerLimit} so that the broker ends a login, and stops
     * reading a source, after a few failed answers.
     */
    UNSIGNED_RESPONSE_CBC_ASSERTION
  }

  /** The algorithm URIs one relaxation admits, by kind. */
  private record Admitted(
      Set<String> signatures,
      Set<String> digests,
      Set<String> dataEncryption,
      Set<String> keyTransport) {
    static Admitted by(Relaxation relaxation) {
      return switch (relaxation) {
        case RSA_PKCS1_SIGNATURE ->
            new Admitted(
                Set.of(
                    RSA_SHA256,
                    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384",
                    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512"),
                Set.of(),
                Set.of(),
                Set.of());
        case SHA1_SIGNATURE -> new Admitted(Set.of(RSA_SHA1), Set.of(SHA1), Set.of(), Set.of());
        case AES_CBC_ENCRYPTION ->
            new Admitted(
                Set.of(),
                Set.of(),
                Set.of(
                    AES128_CBC,
                    "http://www.w3.org/2001/04/xmlenc#aes192-cbc",
                    "http://www.w3.org/2001/04/xmlenc#aes256-cbc"),
                Set.of());
        case RSA_OAEP_MGF1P_KEY_TRANSPORT ->
            new Admitted(Set.of(), Set.of(), Set.of(), Set.of(RSA_OAEP_MGF1P));
        case RSA_2048_KEYS, UNSIGNED_RESPONSE_CBC_ASSERTION ->
            new Admitted(Set.of(), Set.of(), Set.of(), Set.of());
      };
    }
  }

  public static final String RSA_PSS_SHA256 =
      "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1";
  public static final String ECDSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";
  public static final String RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
  public static final String RSA_SHA1 = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";
  public static final String SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";
  public static final String SHA1 = "http://www.w3.org/2000/09/xmldsig#sha1";
  public static final String AES128_GCM = "http://www.w3.org/2009/xmlenc11#aes128-gcm";
  public static final String AES256_GCM = "http://www.w3.org/2009/xmlenc11#aes256-gcm";
  public static final String AES128_CBC = "http://www.w3.org/2001/04/xmlenc#aes128-cbc";
  public static final String RSA_OAEP = "http://www.w3.org/2009/xmlenc11#rsa-oaep";
  public static final String RSA_OAEP_MGF1P = "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p";
  public static final String RSA_1_5 = "http://www.w3.org/2001/04/xmlenc#rsa-1_5";
  public static final String EXCLUSIVE_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#";

  public static final String KW_AES128 = "http://www.w3.org/2001/04/xmlenc#kw-aes128";
  public static final String KW_AES256 = "http://www.w3.org/2001/04/xmlenc#kw-aes256";

  /** Key agreement for EC recipients (XML Encryption 1.1), which eIDAS asks ProxyServices for. */
  public static final String ECDH_ES = "http://www.w3.org/2009/xmlenc11#ECDH-ES";

  // Ordered, strongest last within each kind: published in this order in metadata.
  private static final Set<String> STRICT_SIGNATURES =
      ordered(
          ECDSA_SHA256,
          "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384",
          "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512",
          RSA_PSS_SHA256,
          "http://www.w3.org/2007/05/xmldsig-more#sha384-rsa-MGF1",
          "http://www.w3.org/2007/05/xmldsig-more#sha512-rsa-MGF1");
  private static final Set<String> STRICT_DIGESTS =
      ordered(
          SHA256,
          "http://www.w3.org/2001/04/xmldsig-more#sha384",
          "http://www.w3.org/2001/04/xmlenc#sha512");

  private static Set<String> ordered(String... uris) {
    return Collections.unmodifiableSet(new LinkedHashSet<>(java.util.List.of(uris)));
  }

  private static final Set<String> STRICT_DATA_ENCRYPTION =
      Set.of(AES128_GCM, "http://www.w3.org/2009/xmlenc11#aes192-gcm", AES256_GCM);
  private static final Set<String> STRICT_KEY_TRANSPORT = Set.of(RSA_OAEP);

  private final Set<Relaxation> relaxations;

  private AlgorithmPolicy(Set<Relaxation> relaxations) {
    this.relaxations = Collections.unmodifiableSet(EnumSet.copyOf(relaxations));
  }

  /** The eIDAS profile, with no relaxation. */
  public static AlgorithmPolicy eidasStrict() {
    return new AlgorithmPolicy(EnumSet.noneOf(Relaxation.class));
  }

  /** This policy with the given relaxations added. */
  public AlgorithmPolicy relaxedBy(Set<Relaxation> more) {
    Set<Relaxation> all = EnumSet.noneOf(Relaxation.class);
    all.addAll(relaxations);
    all.addAll(more);
    return new AlgorithmPolicy(all);
  }

  /** The relaxations granted, for start-up logs and audit events. */
  public Set<Relaxation> relaxations() {
    return relaxations;
  }

  /** Whether a CBC-encrypted assertion may arrive in an unsigned Response. */
  public boolean allowsCbcAssertionInUnsignedResponse() {
    return relaxations.contains(Relaxation.UNSIGNED_RESPONSE_CBC_ASSERTION);
  }

  public boolean isStrict() {
    return relaxations.isEmpty();
  }

  public boolean allowsSignature(String uri) {
    if (uri == null) {
      return false;
    }
    return STRICT_SIGNATURES.contains(uri)
        || relaxations.stream().anyMatch(r -> Admitted.by(r).signatures().contains(uri));
  }

  public boolean allowsDigest(String uri) {
    if (uri == null) {
      return false;
    }
    return STRICT_DIGESTS.contains(uri)
        || relaxations.stream().anyMatch(r -> Admitted.by(r).digests().contains(uri));
  }

  public boolean allowsDataEncryption(String uri) {
    if (uri == null) {
      return false;
    }
    return STRICT_DATA_ENCRYPTION.contains(uri)
        || relaxations.stream().anyMatch(r -> Admitted.by(r).dataEncryption().contains(uri));
  }

  public boolean allowsKeyTransport(String uri) {
    if (uri == null) {
      return false;
    }
    return STRICT_KEY_TRANSPORT.contains(uri)
        || relaxations.stream().anyMatch(r -> Admitted.by(r).keyTransport().contains(uri));
  }

  /** The key derivation eIDAS uses with ECDH-ES. */
  public static final String CONCAT_KDF = "http://www.w3.org/2009/xmlenc11#ConcatKDF";

  /**
   * Whether a content key may be agreed with {@code agreement}, derived with {@code keyDerivation}
   * over {@code derivationDigest} and wrapped with {@code keyWrap}: ECDH-ES, ConcatKDF with SHA-256
   * or stronger, AES-128 or AES-256 key wrap, as the eIDAS Cryptographic Requirements list them.
   */
  public boolean allowsKeyAgreement(
      String agreement, String keyWrap, String keyDerivation, String derivationDigest) {
    return ECDH_ES.equals(agreement)
        && (KW_AES128.equals(keyWrap) || KW_AES256.equals(keyWrap))
        && CONCAT_KDF.equals(keyDerivation)
        && STRICT_DIGESTS.contains(derivationDigest);
  }

  /**
   * Whether a peer's signing key is strong enough: RSA of 3072 bits or more (2048 with {@link
   * Relaxation#RSA_2048_KEYS}), EC of 256 bits or more; nothing else.
   */
  public boolean allowsSigningKey(java.security.PublicKey key) {
    if (key instanceof java.security.interfaces.RSAPublicKey rsa) {
      int bits = rsa.getModulus().bitLength();
      return bits >= 3072 || (bits >= 2048 && relaxations.contains(Relaxation.RSA_2048_KEYS));
    }
    if (key instanceof java.security.interfaces.ECPublicKey ec) {
      return ec.getParams().getCurve().getField().getFieldSize() >= 256;
    }
    return false;
  }

  /** All digest algorithm URIs this policy accepts, for metadata. */
  public Set<String> digestAlgorithms() {
    Set<String> all = new LinkedHashSet<>(STRICT_DIGESTS);
    relaxations.forEach(r -> all.addAll(Admitted.by(r).digests()));
    return all;
  }

  /** All signature algorithm URIs this policy accepts, for metadata. */
  public Set<String> signatureAlgorithms() {
    Set<String> all = new LinkedHashSet<>(STRICT_SIGNATURES);
    relaxations.forEach(r -> all.addAll(Admitted.by(r).signatures()));
    return all;
  }

  @Override
  public String toString() {
    return isStrict() ? "eIDAS strict" : "eIDAS strict relaxed by " + relaxations;
  }
}
