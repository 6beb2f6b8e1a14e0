package eu.mostbridge.adapter;

import eu.mostbridge.identity.CommonIdentity;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.LevelOfAssurance;
import java.util.Set;

/**
 * One national eID, as Most uses it. Implementations are configured once (endpoints, keys,
 * algorithm exceptions) and then thread-safe; they keep no per-login state themselves: what a login
 * needs between its two halves travels in the {@link PendingAuthentication}.
 */
public interface CountryAdapter {
  /**
   * A stable id for this eID, unique in a deployment, used in callback paths, configuration and
   * audit events: for example {@code bg-eauth}, {@code bg-mvr-eid}, {@code mk-eid}.
   */
  String id();

  /** The country whose citizens this eID identifies. */
  CountryCode country();

  /**
   * The last segment of the address it answers at, {@code /callback/<callbackId>}: its id, unless
   * several eIDs share one address (the eIDAS ProxyServices all answer at the one assertion
   * consumer service of Most's connector metadata). An answer at a shared address finds its login
   * by its correlation among the logins waiting on any of them.
   */
  default String callbackId() {
    return id();
  }

  /**
   * The country every identifier this eID returns is made for, when the eID decides it rather than
   * Most (an eIDAS ProxyService makes PersonIdentifiers for the connector's country); empty when
   * Most names the destination in each request.
   */
  default java.util.Optional<CountryCode> fixedDestination() {
    return java.util.Optional.empty();
  }

  /** The levels of assurance this eID can deliver. */
  Set<LevelOfAssurance> supportedLevels();

  /**
   * The departures from the strict profile this adapter is configured with (for example {@code
   * SHA1_SIGNATURE}, {@code PLAIN_ASSERTIONS}, {@code RS256}): logged when the adapter is built and
   * recorded in every audit event of its logins. Empty when strict.
   */
  default java.util.Set<String> relaxations() {
    return java.util.Set.of();
  }

  /**
   * The bound on answers that fail validation, for an eID whose answers must not become a
   * decryption oracle ({@link FailedAnswerLimit}); empty (the default) when a failed answer may be
   * refused any number of times while the login waits for the genuine one.
   */
  default java.util.Optional<FailedAnswerLimit> failedAnswerLimit() {
    return java.util.Optional.empty();
  }

  /**
   * The level to ask the national eID for: the lowest offered that satisfies {@code minimum}.
   *
   * @throws AuthenticationFailure with {@link AuthenticationFailure.Reason#LEVEL_UNAVAILABLE} when
   *     none does
   */
  default LevelOfAssurance levelFor(LevelOfAssurance minimum) throws AuthenticationFailure {
    return supportedLevels().stream()
        .filter(level -> level.satisfies(minimum))
        .min(Enum::compareTo)
        .orElseThrow(
            () ->
                new AuthenticationFailure(
                    AuthenticationFailure.Reason.LEVEL_UNAVAILABLE,
                    id() + " offers no level at " + minimum + " or above"));
  }

  /** Whether this eID can satisfy a request for at least {@code minimum}. */
  default boolean canSatisfy(LevelOfAssurance minimum) {
    return supportedLevels().stream().anyMatch(level -> level.satisfies(minimum));
  }

  /**
   * Begins a login: builds the national request (signed where the protocol signs) and says where to
   * send the browser.
   *
   * @throws AuthenticationFailure with {@link AuthenticationFailure.Reason#LEVEL_UNAVAILABLE} when
   *     the requested minimum is beyond this eID
   */
  AuthenticationStart start(AuthenticationRequest request) throws AuthenticationFailure;

  /**
   * The correlation id {@code answer} names (a SAML Response's {@code InResponseTo}, an OIDC {@code
   * state}), read without validating anything: only to find the pending login the answer claims to
   * answer, whose {@link PendingAuthentication} {@link #complete} then checks everything against.
   *
   * @throws AuthenticationFailure when the answer cannot be read ({@code MALFORMED_ANSWER}) or
   *     names no request ({@code WRONG_PARTY})
   */
  String correlationOf(NationalAnswer answer) throws AuthenticationFailure;

  /**
   * Completes a login with the national eID's answer. Validates everything (signature with this
   * eID's configured key only, audience, destination, correlation with {@code pending}, time
   * window, replay, level of assurance, identifier checksums and consistency) before mapping.
   *
   * @throws AuthenticationFailure when anything is wrong; never returns a partly validated identity
   */
  CommonIdentity complete(NationalAnswer answer, PendingAuthentication pending)
      throws AuthenticationFailure;
}
