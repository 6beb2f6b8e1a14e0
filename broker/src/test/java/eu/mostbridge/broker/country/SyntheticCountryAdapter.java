package eu.mostbridge.broker.country;

import eu.mostbridge.adapter.AuthenticationFailure;
import eu.mostbridge.adapter.AuthenticationRequest;
import eu.mostbridge.adapter.AuthenticationStart;
import eu.mostbridge.adapter.BrowserStep;
import eu.mostbridge.adapter.CountryAdapter;
import eu.mostbridge.adapter.NationalAnswer;
import eu.mostbridge.adapter.PendingAuthentication;
import eu.mostbridge.identity.CommonIdentity;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.LevelOfAssurance;
import eu.mostbridge.identity.PersonIdentifier;
import eu.mostbridge.identity.PersonName;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The synthetic eID's protocol, the least a national eID can be: the browser goes to its login URL
 * with a {@code state}, and comes back to Most's callback with {@code state}, {@code person} and
 * {@code sig}, an HMAC-SHA256 over both with the secret Most shares with it.
 */
final class SyntheticCountryAdapter implements CountryAdapter {
  private final String id;
  private final CountryCode country;
  private final URI login;
  private final byte[] secret;
  private final URI callback;
  private final Clock clock;

  SyntheticCountryAdapter(
      String id, CountryCode country, URI login, byte[] secret, URI callback, Clock clock) {
    this.id = id;
    this.country = country;
    this.login = login;
    this.secret = secret.clone();
    this.callback = callback;
    this.clock = clock;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public CountryCode country() {
    return country;
  }

  @Override
  public Set<LevelOfAssurance> supportedLevels() {
    return EnumSet.of(LevelOfAssurance.LOW, LevelOfAssurance.SUBSTANTIAL);
  }

  @Override
  public AuthenticationStart start(AuthenticationRequest request) throws AuthenticationFailure {
    LevelOfAssurance level = levelFor(request.minimumLevel());
    String state = UUID.randomUUID().toString();
    URI target =
        URI.create(
            login
                + "?state="
                + state
                + "&redirect_uri="
                + URLEncoder.encode(callback.toString(), StandardCharsets.UTF_8));
    return new AuthenticationStart(
        new BrowserStep.Redirect(target),
        new PendingAuthentication(
            id,
            state,
            level,
            request.destination(),
            clock.instant().plus(Duration.ofMinutes(5)),
            Map.of()));
  }

  @Override
  public String correlationOf(NationalAnswer answer) throws AuthenticationFailure {
    return answer
        .single("state")
        .orElseThrow(
            () ->
                new AuthenticationFailure(
                    AuthenticationFailure.Reason.MALFORMED_ANSWER, "The answer has no state"));
  }

  @Override
  public CommonIdentity complete(NationalAnswer answer, PendingAuthentication pending)
      throws AuthenticationFailure {
    pending.requireOpenFor(id, clock.instant());
    String state = correlationOf(answer);
    if (!state.equals(pending.correlationId())) {
      throw new AuthenticationFailure(
          AuthenticationFailure.Reason.WRONG_PARTY, "The answer is for another login");
    }
    String person = required(answer, "person");
    byte[] presented;
    try {
      presented = Base64.getUrlDecoder().decode(required(answer, "sig"));
    } catch (IllegalArgumentException e) {
      throw new AuthenticationFailure(
          AuthenticationFailure.Reason.MALFORMED_ANSWER, "The signature is not Base64url");
    }
    if (!MessageDigest.isEqual(presented, signature(secret, state, person))) {
      throw new AuthenticationFailure(
          AuthenticationFailure.Reason.BAD_SIGNATURE, "The answer is not signed with the secret");
    }
    return CommonIdentity.builder()
        .personIdentifier(new PersonIdentifier(country, pending.destination(), person))
        .givenName(PersonName.latinOnly("Testa"))
        .familyName(PersonName.latinOnly("Sintetikova"))
        .dateOfBirth(LocalDate.of(1990, 1, 1))
        .levelOfAssurance(pending.requestedLevel())
        .originCountry(country)
        .authenticationInstant(clock.instant())
        .build();
  }

  private static String required(NationalAnswer answer, String name) throws AuthenticationFailure {
    return answer
        .single(name)
        .orElseThrow(
            () ->
                new AuthenticationFailure(
                    AuthenticationFailure.Reason.MALFORMED_ANSWER, "The answer has no " + name));
  }

  /** HMAC-SHA256 over {@code state|person}: what the synthetic eID signs its answer with. */
  static byte[] signature(byte[] secret, String state, String person) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal((state + "|" + person).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
