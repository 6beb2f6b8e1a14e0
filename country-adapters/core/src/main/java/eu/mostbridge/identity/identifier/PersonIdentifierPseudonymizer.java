package eu.mostbridge.identity.identifier;

import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.PersonIdentifier;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces the national number in a person identifier by a persistent pseudonym, for relying
 * parties whose policy does not allow them to see national numbers.
 *
 * <p>The pseudonym is {@code <key id>.<hex HMAC-SHA-256>} over a fixed domain label, the origin
 * country and the national number. So it is:
 *
 * <ul>
 *   <li>stable: the same person from the same country gets the same pseudonym at every login, at
 *       every relying party, on every replica, for as long as the key is kept;
 *   <li>one-way: without the key, nobody can go from pseudonym to number, nor test a guessed number
 *       (EGNs are a small space; an unkeyed hash would be reversed by enumeration);
 *   <li>independent of the destination country, which stays visible in the eIDAS form;
 *   <li>lower-case hex, so it survives case-insensitive storage at the relying party.
 * </ul>
 *
 * <p>Key rotation: a new key changes every pseudonym, so it is an event to announce, not routine.
 * The retired keys stay configured for a transition period; {@link #previousPseudonyms} gives the
 * values a relying party knew, so it can re-key its records at the person's next login.
 */
public final class PersonIdentifierPseudonymizer {
  private static final String ALGORITHM = "HmacSHA256";
  private static final byte[] DOMAIN =
      "most/person-identifier-pseudonym/v1".getBytes(StandardCharsets.UTF_8);

  private final PseudonymKey current;
  private final List<PseudonymKey> retired;

  public PersonIdentifierPseudonymizer(PseudonymKey current, List<PseudonymKey> retired) {
    this.current = Objects.requireNonNull(current, "current");
    this.retired = List.copyOf(retired);
    if (this.retired.stream().anyMatch(key -> key.id().equals(current.id()))) {
      throw new IllegalArgumentException(
          "A retired pseudonym key has the current key's id '" + current.id() + "'");
    }
  }

  /** The identifier with its value replaced by the pseudonym under the current key. */
  public PersonIdentifier pseudonymize(PersonIdentifier national) {
    return withValue(national, pseudonym(current, national.origin(), national.value()));
  }

  /**
   * The identifier with its value replaced by a pseudonym for {@code audience} alone (an eIDAS
   * connector's entity ID): two audiences cannot link their pseudonyms of one person.
   */
  public PersonIdentifier pseudonymizeFor(PersonIdentifier national, String audience) {
    return withValue(
        national,
        pseudonym(
            current,
            national.origin(),
            audience.length() + ":" + audience + ":" + national.value()));
  }

  /** The same identifier under each retired key, newest configured first. */
  public List<PersonIdentifier> previousPseudonyms(PersonIdentifier national) {
    List<PersonIdentifier> previous = new ArrayList<>(retired.size());
    for (PseudonymKey key : retired) {
      previous.add(withValue(national, pseudonym(key, national.origin(), national.value())));
    }
    return previous;
  }

  private static PersonIdentifier withValue(PersonIdentifier national, String value) {
    return new PersonIdentifier(national.origin(), national.destination(), value);
  }

  static String pseudonym(PseudonymKey key, CountryCode origin, String nationalNumber) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key.secret(), ALGORITHM));
      mac.update(DOMAIN);
      mac.update((byte) 0);
      mac.update(origin.alpha2().getBytes(StandardCharsets.US_ASCII));
      mac.update((byte) 0);
      byte[] digest = mac.doFinal(nationalNumber.getBytes(StandardCharsets.UTF_8));
      return key.id() + "." + HexFormat.of().formatHex(digest);
    } catch (GeneralSecurityException e) {
      // HmacSHA256 is mandatory in every Java platform; this cannot happen on a conforming JVM.
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }
}
