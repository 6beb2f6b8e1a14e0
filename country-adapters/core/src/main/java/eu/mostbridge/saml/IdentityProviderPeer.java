package eu.mostbridge.saml;

import eu.mostbridge.adapter.FailedAnswerLimit;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One SAML identity provider as Most trusts it: its entity ID, where requests go, and the only keys
 * whose signatures count (a key carried in a message's KeyInfo never does).
 *
 * @param entityId the IdP's entity ID, expected as Issuer of responses and assertions
 * @param singleSignOnService where authentication requests are sent
 * @param signingCertificates the IdP's signing certificates; several during a key rollover
 * @param algorithms the algorithm policy for this IdP
 * @param requireEncryptedAssertions refuse plain assertions (strict default: true)
 * @param requireSignedAssertions refuse assertions without their own signature even when the
 *     response is signed (strict default: true)
 * @param clockSkew tolerance for the peer's clock, at most 5 minutes
 * @param maxResponseAge how old a response's IssueInstant may be
 * @param cancelMessages status messages that mean the citizen cancelled, for an IdP that answers a
 *     cancel with {@code AuthnFailed} and free text rather than {@code RequestDenied} (matched
 *     case-insensitively as part of the message; never logged, it is free text)
 */
public record IdentityProviderPeer(
    String entityId,
    URI singleSignOnService,
    List<X509Certificate> signingCertificates,
    AlgorithmPolicy algorithms,
    boolean requireEncryptedAssertions,
    boolean requireSignedAssertions,
    Duration clockSkew,
    Duration maxResponseAge,
    List<String> cancelMessages) {
  public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

  public IdentityProviderPeer {
    Objects.requireNonNull(entityId, "entityId");
    Objects.requireNonNull(singleSignOnService, "singleSignOnService");
    Objects.requireNonNull(algorithms, "algorithms");
    signingCertificates = List.copyOf(signingCertificates);
    cancelMessages = List.copyOf(cancelMessages);
    if (signingCertificates.isEmpty()) {
      throw new IllegalArgumentException("IdP " + entityId + ": no signing certificate configured");
    }
    for (X509Certificate certificate : signingCertificates) {
      if (!algorithms.allowsSigningKey(certificate.getPublicKey())) {
        throw new IllegalArgumentException(
            "IdP "
                + entityId
                + ": the signing key of "
                + certificate.getSubjectX500Principal().getName()
                + " is too weak for the policy ("
                + algorithms
                + ")");
      }
    }
    if (clockSkew.isNegative() || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
      throw new IllegalArgumentException("IdP " + entityId + ": clock skew must be 0 to 5 minutes");
    }
    if (maxResponseAge.isNegative() || maxResponseAge.isZero()) {
      throw new IllegalArgumentException("IdP " + entityId + ": the response age must be positive");
    }
  }

  /**
   * Every departure from the strict profile, by name: the algorithm relaxations, {@code
   * PLAIN_ASSERTIONS} when encryption is not required, {@code RESPONSE_SIGNATURE_ONLY} when a
   * signed response may carry an unsigned assertion.
   */
  public java.util.Set<String> relaxations() {
    java.util.Set<String> all = new java.util.TreeSet<>();
    algorithms.relaxations().forEach(r -> all.add(r.name()));
    if (!requireEncryptedAssertions) {
      all.add("PLAIN_ASSERTIONS");
    }
    if (!requireSignedAssertions) {
      all.add("RESPONSE_SIGNATURE_ONLY");
    }
    return java.util.Collections.unmodifiableSet(all);
  }

  /**
   * The bound on failed answers this peer's answers need: {@link FailedAnswerLimit#ORACLE_BOUND}
   * when its CBC-encrypted assertions may come in an unsigned Response, none otherwise.
   */
  public java.util.Optional<FailedAnswerLimit> failedAnswerLimit() {
    return algorithms.allowsCbcAssertionInUnsignedResponse()
        ? java.util.Optional.of(FailedAnswerLimit.ORACLE_BOUND)
        : java.util.Optional.empty();
  }

  /**
   * The strict defaults: eIDAS algorithms, encrypted and signed assertions, 60 s skew, 5 min age.
   */
  public static IdentityProviderPeer strict(
      String entityId, URI singleSignOnService, List<X509Certificate> signingCertificates) {
    return strict(
        entityId, singleSignOnService, signingCertificates, AlgorithmPolicy.eidasStrict());
  }

  /**
   * The strict defaults with {@code algorithms} (the strict ones with this peer's named
   * relaxations): its certificates are checked against those, so an RSA-2048 certificate needs
   * {@code RSA_2048_KEYS} here.
   */
  public static IdentityProviderPeer strict(
      String entityId,
      URI singleSignOnService,
      List<X509Certificate> signingCertificates,
      AlgorithmPolicy algorithms) {
    return new IdentityProviderPeer(
        entityId,
        singleSignOnService,
        signingCertificates,
        algorithms,
        true,
        true,
        Duration.ofSeconds(60),
        Duration.ofMinutes(5),
        List.of());
  }

  public IdentityProviderPeer withAlgorithms(AlgorithmPolicy policy) {
    return new IdentityProviderPeer(
        entityId,
        singleSignOnService,
        signingCertificates,
        policy,
        requireEncryptedAssertions,
        requireSignedAssertions,
        clockSkew,
        maxResponseAge,
        cancelMessages);
  }

  /** This peer, recognising {@code messages} in an {@code AuthnFailed} answer as a cancel. */
  public IdentityProviderPeer withCancelMessages(List<String> messages) {
    return new IdentityProviderPeer(
        entityId,
        singleSignOnService,
        signingCertificates,
        algorithms,
        requireEncryptedAssertions,
        requireSignedAssertions,
        clockSkew,
        maxResponseAge,
        messages);
  }

  public IdentityProviderPeer withAssertionRequirements(boolean encrypted, boolean signed) {
    return new IdentityProviderPeer(
        entityId,
        singleSignOnService,
        signingCertificates,
        algorithms,
        encrypted,
        signed,
        clockSkew,
        maxResponseAge,
        cancelMessages);
  }
}
