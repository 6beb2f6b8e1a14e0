package eu.mostbridge.identity.identifier;

import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.Gender;
import eu.mostbridge.identity.PersonIdentifier;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A validated national identity number (EGN, LNCh, EMBG). Implementations are immutable and can
 * only be obtained by parsing, so an instance's checksum and date are known to be valid.
 */
public interface NationalIdentityNumber {
  /** The scheme's short name, for example {@code EGN}. */
  String scheme();

  /** The country that issues numbers of this scheme. */
  CountryCode country();

  /** The number as issued, digits only. */
  String value();

  /** The date of birth the number encodes, if the scheme encodes one. */
  Optional<LocalDate> birthDate();

  /** The gender the number encodes, if the scheme encodes one. */
  Optional<Gender> gender();

  /**
   * The ETSI EN 319 412-1 form ({@code PNOBG-…}) when that form is known for the scheme; empty
   * where no public source says how the national systems write it.
   */
  Optional<SemanticsIdentifier> semanticsIdentifier();

  /** The eIDAS person identifier of this number for a relying party in {@code destination}. */
  default PersonIdentifier toPersonIdentifier(CountryCode destination) {
    return new PersonIdentifier(country(), destination, value());
  }

  /** What the number encodes, as label/value pairs in display order (for tools and audits). */
  default Map<String, String> decoded() {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("country", country().alpha2());
    birthDate().ifPresent(date -> facts.put("birth date", date.toString()));
    gender().ifPresent(g -> facts.put("gender", g.claimValue()));
    semanticsIdentifier().ifPresent(etsi -> facts.put("ETSI form", etsi.toEtsiForm()));
    return facts;
  }
}
