package eu.mostbridge.trust.validation;

import com.fasterxml.jackson.annotation.JsonInclude;
import eu.mostbridge.bg.identifier.Egn;
import eu.mostbridge.identity.InvalidIdentifierException;
import eu.mostbridge.identity.identifier.SemanticsIdentifier;
import eu.mostbridge.mk.identifier.Embg;
import java.util.Optional;

/**
 * The signer's identifier, read from the certificate subject's serial number by Most's identity
 * model: an ETSI EN 319 412-1 semantics identifier, and for {@code PNOBG-} and {@code PNOMK-} the
 * personal number checked as an EGN or EMBG (date and checksum). Personal data: returned to the
 * sender, never logged ({@link #toString} redacts it).
 *
 * @param etsi the serial number as written, e.g. {@code PNOBG-7501020018}
 * @param type PNO, IDC, PAS, TAX, TIN or a national scheme
 * @param country the issuing country
 * @param scheme EGN or EMBG when the type is a Bulgarian or Macedonian personal number
 * @param checked for EGN and EMBG: whether the number is well formed with a valid checksum
 * @param problem why it is not, when it is not
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SignerIdentifier(
    String etsi, String type, String country, String scheme, Boolean checked, String problem) {

  /** Reads a subject serial number; empty when it is not an ETSI semantics identifier. */
  public static Optional<SignerIdentifier> read(String serialNumber) {
    if (serialNumber == null || serialNumber.isBlank()) {
      return Optional.empty();
    }
    SemanticsIdentifier semantics;
    try {
      semantics = SemanticsIdentifier.parse(serialNumber.strip());
    } catch (InvalidIdentifierException e) {
      return Optional.empty();
    }
    String country = semantics.country().toString();
    if (!semantics.isPersonalNumber() || !(country.equals("BG") || country.equals("MK"))) {
      return Optional.of(
          new SignerIdentifier(
              semantics.toEtsiForm(), semantics.type(), country, null, null, null));
    }
    String scheme = country.equals("BG") ? Egn.SCHEME : Embg.SCHEME;
    try {
      if (country.equals("BG")) {
        Egn.parse(semantics.reference());
      } else {
        Embg.parse(semantics.reference());
      }
      return Optional.of(
          new SignerIdentifier(
              semantics.toEtsiForm(), semantics.type(), country, scheme, true, null));
    } catch (InvalidIdentifierException e) {
      return Optional.of(
          new SignerIdentifier(
              semantics.toEtsiForm(),
              semantics.type(),
              country,
              scheme,
              false,
              "not a valid "
                  + scheme
                  + " ("
                  + e.problem().name().toLowerCase(java.util.Locale.ROOT)
                  + ")"));
    }
  }

  @Override
  public String toString() {
    return "SignerIdentifier[" + type + country + "-(redacted)]";
  }
}
