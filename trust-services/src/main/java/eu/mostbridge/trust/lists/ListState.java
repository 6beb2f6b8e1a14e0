package eu.mostbridge.trust.lists;

import java.time.Instant;
import java.util.Optional;

/**
 * One trusted list as a snapshot holds it: which copy (sequence number and SHA-256 of the bytes
 * read), how fresh, and whether its signature was found valid.
 *
 * @param source {@code eu} for the EU list of trusted lists and the member states' lists it points
 *     to, {@code mk} for North Macedonia's list
 * @param kind the list of trusted lists, or a trusted list
 * @param url where it is published
 * @param territory its scheme territory (BG, MK, EU)
 * @param sequenceNumber its TSL sequence number
 * @param sha256 the SHA-256 of the bytes read, hexadecimal
 * @param issued its list issue date and time
 * @param nextUpdate its next update: past it, the list no longer makes a signature qualified
 * @param signatureValid whether its signature was valid, by a certificate configured (or, for a
 *     member state's list, announced by the list of trusted lists)
 * @param lastGoodCopy whether the download failed and the copy kept from an earlier one was read
 * @param problem why the list is not usable, or why a download failed
 */
public record ListState(
    String source,
    Kind kind,
    String url,
    Optional<String> territory,
    Optional<Integer> sequenceNumber,
    Optional<String> sha256,
    Optional<Instant> issued,
    Optional<Instant> nextUpdate,
    boolean signatureValid,
    boolean lastGoodCopy,
    Optional<String> problem) {

  /** The list of trusted lists, or a trusted list. */
  public enum Kind {
    LIST_OF_TRUSTED_LISTS,
    TRUSTED_LIST
  }

  /** Whether the list may make a signature qualified at {@code now}: read, signed, not expired. */
  public boolean usableAt(Instant now) {
    return sequenceNumber.isPresent() && signatureValid && !expiredAt(now);
  }

  /** Whether its next-update date has passed (a list without one counts as expired). */
  public boolean expiredAt(Instant now) {
    return nextUpdate.map(now::isAfter).orElse(true);
  }
}
